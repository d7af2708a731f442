import type { Dropout } from '@lab/regularizers';

/**
 * A compiled network's engine: its buffers in one arena and the kernel calls of a training step
 * and of a test-mode forward pass. The layout is the program's own (feature-major or
 * batch-first); inputs, labels and outputs cross it batch-first.
 */
export interface Program {
  /** How the activations are laid out. */
  readonly layout: 'feature-major' | 'batch-first';
  /**
   * Copies a batch of n ≤ batchSize examples in.
   * @param x - (n, D) row-major; y - n labels (0/1 or class indices)
   */
  load(x: Float64Array, y: Float64Array, n: number): void;
  /** Whether {@link train} adds the L2 term's gradient `(λ/m)·W` to the Linear weights' grads itself (in its kernels). */
  readonly fusesL2: boolean;
  /** Forward in train mode, the loss's gradient, backward: every param's grad is overwritten. */
  train(): void;
  /** The data loss (mean over the batch) of the last {@link train} pass. */
  loss(): number;
  /** Copies the last training pass's network output, (n, C), into `target`. */
  output(target: Float64Array): void;
  /**
   * Before a run of {@link predict} calls on the same parameters (one `scores` call): work that
   * depends on the parameters only, done once for all its chunks (the packed weights).
   */
  beginPredict(): void;
  /**
   * A test-mode forward pass over `rows` ≤ batchSize examples of `x` (row-major, D wide) from row
   * `first`, its output (rows, C) written into `out` from row `first`. Leaves the training pass's
   * batch, masks and output as they were. Only after {@link beginPredict}, with no training step since.
   */
  predict(x: Float64Array, first: number, rows: number, out: Float64Array): void;
  /** Short description of the stages, e.g. `linear+relu+dropout → … → linear+sigmoid+bce`. */
  describe(): string;
}

/**
 * When to draw the dropout masks of a training pass. Normally every pass draws fresh masks; with
 * the course's reproduction option `reseed`, every pass first reseeds the masks' generators
 * with it, so the masks are the same at every pass: they are drawn once per batch size and
 * reused (the generators are then not advanced by later passes).
 */
export class MaskSchedule {
  private drawnFor = -1;

  constructor(
    private readonly reseed: number | undefined,
    private readonly layers: readonly Dropout[],
  ) {}

  /** At the start of a training pass over n examples: true when the masks must be drawn now. */
  beginPass(n: number): boolean {
    if (this.reseed === undefined) return true;
    if (this.drawnFor === n) return false;
    const reseeded = new Set<unknown>();
    for (const layer of this.layers) {
      if (reseeded.has(layer.rng)) continue;
      layer.rng.seed(this.reseed);
      reseeded.add(layer.rng);
    }
    this.drawnFor = n;
    return true;
  }
}

/**
 * Copies source[0, length) to target[0, length). Without a `subarray` view when the source is
 * exactly that long (a batch's own tensor): loading a batch then allocates nothing.
 */
export function copyPrefix(target: Float64Array, source: Float64Array, length: number): void {
  if (source.length === length) {
    target.set(source);
    return;
  }
  for (let i = 0; i < length; i++) target[i] = source[i];
}
