import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BatchNorm1d } from '@lab/batchnorm';
import { type Layer, Linear, ReLU, Sequential, scaledNormalInit } from '@lab/layers';
import { createArena, gemmPanelsLength, RandomState, Tensor } from '@lab/tensor';
import { test } from 'vitest';
// The built bundle, not src/ (see regularization.bench.ts).
import { Adam, compile, train } from '../dist/index.js';

// The deep MLP of the batch-norm experiment (CS231n's FullyConnectedNet: 784 → 100 ×5 → 10, with
// and without batch norm, weight scale 2e-2, Adam 1e-3, batches of 50, 10 epochs on 1000
// examples, train and validation accuracy on 1000 + 1000 before training and after every epoch),
// compiled, against the same training in PyTorch on one thread, float64, in the same run
// (bench/deep_mlp_torch.py, Debian's /usr/bin/python3 with python3-torch). The data are random
// pixels in [0, 1) and random labels: the work depends on the shapes only. Both sides are warm
// (lab after one untimed training of each normalization, PyTorch in a new process each round after
// one untimed training of each) and alternate round by round, LAB_BENCH_ROUNDS rounds (default 7); the
// medians and ranges of all runs are printed, and the TARGET line gives the ratio of the medians
// with the range of the per-round ratios. Also: the matrix kernel's own GFLOP/s at these shapes,
// and the compiled training's effective rate.

const SPEC = {
  train: 1000,
  val: 1000,
  features: 784,
  classes: 10,
  hidden: [100, 100, 100, 100, 100],
  weightScale: 2e-2,
  learningRate: 1e-3,
  batchSize: 50,
  epochs: 10,
};
/** Rounds: each round times one lab training of each normalization, then one PyTorch training of each. */
const ROUNDS = Number(process.env.LAB_BENCH_ROUNDS ?? 7);
const PYTHON = process.env.LAB_TORCH_PYTHON ?? '/usr/bin/python3';

const rng = new RandomState(0);
const n = SPEC.train + SPEC.val;
const x = rng.rand(n, SPEC.features);
const labels = Float64Array.from({ length: n }, () => Math.floor(rng.nextDouble() * SPEC.classes));
const trainX = new Tensor(x.data.slice(0, SPEC.train * SPEC.features), [SPEC.train, SPEC.features]);
const trainY = new Tensor(labels.slice(0, SPEC.train), [SPEC.train]);
const valX = new Tensor(x.data.slice(SPEC.train * SPEC.features), [SPEC.val, SPEC.features]);
const valY = new Tensor(labels.slice(SPEC.train), [SPEC.val]);

function network(batchnorm: boolean, seed: number): Sequential {
  const r = new RandomState(seed);
  const init = { init: (g: RandomState, o: number, i: number) => scaledNormalInit(g, o, i, SPEC.weightScale) };
  const layers: Layer[] = [];
  let previous = SPEC.features;
  for (const units of SPEC.hidden) {
    layers.push(new Linear(previous, units, r, init));
    if (batchnorm) layers.push(new BatchNorm1d(units));
    layers.push(new ReLU());
    previous = units;
  }
  layers.push(new Linear(previous, SPEC.classes, r, init));
  return new Sequential(layers);
}

interface LabRun {
  seconds: number;
  /** This process's CPU time over the same span: on a shared machine, what the training itself cost. */
  cpuSeconds: number;
  evaluationSeconds: number;
}

/** One training as runJob does it; seconds (wall and CPU) for the training and its evaluations, and how they split. */
function trainOnce(batchnorm: boolean): LabRun {
  const model = compile(network(batchnorm, 231), { loss: 'softmax-cross-entropy', batchSize: SPEC.batchSize });
  const shuffle = new RandomState(231);
  let evaluationSeconds = 0;
  const evaluate = () => {
    const t = performance.now();
    model.accuracy(trainX, trainY);
    model.accuracy(valX, valY);
    evaluationSeconds += (performance.now() - t) / 1000;
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  evaluate();
  const losses: number[] = [];
  train({
    model,
    optimizer: new Adam({ learningRate: SPEC.learningRate }),
    x: trainX,
    y: trainY,
    batchSize: SPEC.batchSize,
    numIterations: SPEC.epochs * Math.ceil(SPEC.train / SPEC.batchSize),
    rng: shuffle,
    costEvery: 1,
    progressEvery: 1,
    onProgress: (event) => {
      losses.push(event.cost);
    },
    onEpoch: () => {
      evaluate();
      return undefined;
    },
  });
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, evaluationSeconds };
}

/** Floating-point operations of one training: the products (2·N·K·M each) of its steps and evaluations. */
function trainingFlops(): number {
  const sizes = [SPEC.features, ...SPEC.hidden, SPEC.classes];
  let forwardPerRow = 0;
  let backwardInputPerRow = 0;
  for (let l = 1; l < sizes.length; l++) {
    forwardPerRow += 2 * sizes[l - 1] * sizes[l];
    if (l > 1) backwardInputPerRow += 2 * sizes[l - 1] * sizes[l];
  }
  const steps = SPEC.epochs * Math.ceil(SPEC.train / SPEC.batchSize);
  const stepFlops = SPEC.batchSize * (2 * forwardPerRow + backwardInputPerRow);
  const evaluations = (SPEC.epochs + 1) * (SPEC.train + SPEC.val) * forwardPerRow;
  return steps * stepFlops + evaluations;
}

/** GFLOP/s of the arena's matrix kernel (pack the weights, then multiply) at a product of the step. */
function kernelGflops(rows: number, k: number, m: number): number {
  const arena = createArena([rows * k, m * k, gemmPanelsLength(k, m), rows * m]);
  const [a, b, panels, c] = arena.views;
  a.set(new RandomState(1).rand(rows * k).data);
  b.set(new RandomState(2).rand(m * k).data);
  const run = () => {
    arena.kernels.packPanels(b, k, m, true, panels);
    arena.kernels.multiplyPanels(a, panels, c, rows, k, m, false);
  };
  for (let i = 0; i < 20; i++) run();
  // The least CPU time of 15 samples of 20 products: other processes on the machine only add to it.
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < 15; s++) {
    const start = process.cpuUsage();
    for (let i = 0; i < 20; i++) run();
    const cpu = process.cpuUsage(start);
    best = Math.min(best, (cpu.user + cpu.system) / 1e6 / 20);
  }
  return (2 * rows * k * m) / best / 1e9;
}

interface TorchRun {
  seconds: number;
  cpuSeconds: number;
}

/**
 * PyTorch (bench/deep_mlp_torch.py) in a new process, warm (after one untimed training of each
 * normalization): `round()` times one training of each; or why it is not available.
 */
async function startTorch(path: string): Promise<{ round(): Promise<Map<string, TorchRun>>; close(): void } | string> {
  const script = fileURLToPath(new URL('./deep_mlp_torch.py', import.meta.url));
  // torch.set_num_threads(1) alone leaves OpenMP's and OpenBLAS's own threads running beside it here
  // (its CPU time was twice its wall time, and it ran ~1.5× slower): one thread means these too.
  const child = spawn(PYTHON, [script], {
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const failed = new Promise<string>((resolve) => {
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (code) => resolve(`exited with ${code}: ${stderr.trim().split('\n').pop()}`));
  });
  const next = async (): Promise<Record<string, unknown> | string> => {
    const line = await Promise.race([lines.next(), failed]);
    if (typeof line === 'string') return line;
    if (line.done === true) return `exited: ${stderr.trim().split('\n').pop()}`;
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  child.stdin.write(`${JSON.stringify({ ...SPEC, data: path })}\n`);
  const ready = await next();
  if (typeof ready === 'string') return `skipped (${PYTHON} with torch not available: ${ready})`;
  return {
    async round() {
      child.stdin.write('run\n');
      const runs = new Map<string, TorchRun>();
      for (let i = 0; i < 2; i++) {
        const row = await next();
        if (typeof row === 'string') throw new Error(`PyTorch: ${row}`);
        runs.set(row.name as string, { seconds: row.seconds as number, cpuSeconds: row.cpuSeconds as number });
        torchVersion = row.torch as string;
      }
      return runs;
    },
    close() {
      child.stdin.end();
    },
  };
}
let torchVersion = '';

/** The data as deep_mlp_torch.py reads it: the inputs, then the labels, float64, in a temporary file. */
function writeData(): string {
  const path = join(tmpdir(), `lab-deep-mlp-${process.pid}.f64`);
  const all = new Float64Array(n * SPEC.features + n);
  all.set(x.data);
  all.set(labels, n * SPEC.features);
  writeFileSync(path, Buffer.from(all.buffer));
  return path;
}

test('deep MLP (784 → 100 ×5 → 10, Adam, batches of 50, 10 epochs + evaluations): compiled lab vs PyTorch, one thread', async () => {
  const loadBefore = loadavg()[0];
  const path = writeData();
  trainOnce(false); // warm-up
  trainOnce(true);
  const names = ['none', 'batchnorm'] as const;
  const lab = new Map<string, LabRun[]>(names.map((name) => [name, []]));
  const torch = new Map<string, TorchRun[]>(names.map((name) => [name, []]));
  const loads: number[] = [];
  let skipped: string | null = null;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      loads.push(loadavg()[0]);
      for (const name of names) lab.get(name)?.push(trainOnce(name === 'batchnorm'));
      if (skipped !== null) continue;
      // A new PyTorch process every round: its speed varies from process to process (by up to 2×
      // here) as well as from run to run, so one long-lived process would be one biased sample.
      const pyTorch = await startTorch(path);
      if (typeof pyTorch === 'string') {
        skipped = pyTorch;
        continue;
      }
      try {
        for (const [name, run] of await pyTorch.round()) torch.get(name)?.push(run);
      } finally {
        pyTorch.close();
      }
    }
  } finally {
    rmSync(path, { force: true });
  }
  if (torchVersion !== '') console.log(`PyTorch ${torchVersion}`);
  const flops = trainingFlops();
  console.log(
    `\ndeep MLP, 200 Adam steps of 50 + 11 evaluations of 2000 rows (${(flops / 1e9).toFixed(2)} GFLOP in the products), ${ROUNDS} rounds, median (range); load ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} (at the rounds' starts ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)})`,
  );
  console.log('normalization | lab s (evaluations s) | lab CPU s | PyTorch s | PyTorch CPU s | lab GFLOP/s (CPU, median)');
  const ratios: string[] = [];
  for (const name of names) {
    const l = lab.get(name) ?? [];
    const t = torch.get(name) ?? [];
    const wall = l.map((r) => r.seconds);
    const cpu = l.map((r) => r.cpuSeconds);
    console.log(
      `${name.padEnd(13)} | ${spread(wall)} (${median(l.map((r) => r.evaluationSeconds)).toFixed(3)}) | ${spread(cpu)} | ${t.length === 0 ? '-' : spread(t.map((r) => r.seconds))} | ${t.length === 0 ? '-' : spread(t.map((r) => r.cpuSeconds))} | ${(flops / median(cpu) / 1e9).toFixed(1)}`,
    );
    if (t.length === l.length && t.length > 0) {
      const wallRatio = median(t.map((r) => r.seconds)) / median(wall);
      const cpuRatio = median(t.map((r) => r.cpuSeconds)) / median(cpu);
      const perRound = (key: 'seconds' | 'cpuSeconds') => t.map((r, i) => r[key] / l[i][key]);
      ratios.push(
        `${name} ${wallRatio.toFixed(2)}× wall (rounds ${range(perRound('seconds'))}), ${cpuRatio.toFixed(2)}× CPU (rounds ${range(perRound('cpuSeconds'))})`,
      );
    }
  }
  if (skipped !== null) console.log(`PyTorch: ${skipped}`);
  else console.log(`TARGET deep MLP at least as fast as PyTorch on one thread (PyTorch/lab ≥ 1, medians): ${ratios.join('; ')}`);
  const shapes = [
    [SPEC.batchSize, SPEC.features, 100],
    [SPEC.batchSize, 100, 100],
    [SPEC.train, SPEC.features, 100],
  ] as const;
  const rates = shapes.map(([r, k, m]) => ({ label: `${r}×${k}·${k}×${m}`, gflops: kernelGflops(r, k, m) }));
  console.log(
    `matrix kernel (pack + multiply, arena, CPU time): ${rates.map((r) => `${r.label} ${r.gflops.toFixed(1)} GFLOP/s`).join(', ')}`,
  );
  const kernelRate = Math.max(...rates.map((r) => r.gflops));
  const productsSeconds = flops / kernelRate / 1e9;
  console.log(
    `the products alone at the kernel's best rate here: ${productsSeconds.toFixed(3)} s; the trainings take ${names.map((name) => `${name} ${(median((lab.get(name) ?? []).map((r) => r.cpuSeconds)) / productsSeconds).toFixed(2)}×`).join(', ')} that (CPU, medians)\n`,
  );
}, 1_800_000);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function range(values: readonly number[]): string {
  return `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
}

/** `median (min–max)` of seconds. */
function spread(values: readonly number[]): string {
  return `${median(values).toFixed(3)} (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;
}
