import { binaryCrossEntropy } from '@lab/layers';
import { Tensor } from '@lab/tensor';

/**
 * The binary cross-entropy of a compiled model's last training pass, computed by @lab/layers'
 * `binaryCrossEntropy` (the course's formula: a term whose label weight is 0 adds nothing) on
 * views of the model's output and labels: tensors wrap them once per batch size, so a cost
 * allocates nothing after the first at that size.
 */
export class BinaryLoss {
  private readonly wrappers = new Map<number, { a: Tensor; y: Tensor; dx: Tensor }>();
  private readonly scratch: Float64Array;

  /**
   * @param a - the model's training output, at least batchSize probabilities
   * @param y - its labels, at least batchSize
   */
  constructor(
    private readonly a: Float64Array,
    private readonly y: Float64Array,
    batchSize: number,
  ) {
    this.scratch = new Float64Array(batchSize);
  }

  /** The mean loss over the first n examples. */
  loss(n: number): number {
    let w = this.wrappers.get(n);
    if (w === undefined) {
      w = {
        a: new Tensor(this.a.subarray(0, n), [n, 1]),
        y: new Tensor(this.y.subarray(0, n), [n, 1]),
        dx: new Tensor(this.scratch.subarray(0, n), [n, 1]),
      };
      this.wrappers.set(n, w);
    }
    return binaryCrossEntropy(w.a, w.y, w.dx).loss;
  }
}
