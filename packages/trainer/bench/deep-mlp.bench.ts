import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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
// pixels in [0, 1) and random labels: the work depends on the shapes only. Also: the matrix
// kernel's own GFLOP/s at these shapes, and the compiled training's effective rate.

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
  repeats: 3,
};
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

/** One run of each normalization in PyTorch (bench/deep_mlp_torch.py), wall and CPU seconds by name; or why it was skipped. */
function runTorch(path: string): Map<string, TorchRun> | string {
  const script = fileURLToPath(new URL('./deep_mlp_torch.py', import.meta.url));
  const result = spawnSync(PYTHON, [script], {
    // torch.set_num_threads(1) alone leaves OpenMP's and OpenBLAS's own threads running beside it here
    // (its CPU time was twice its wall time, and it ran ~1.5× slower): one thread means these too.
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    input: JSON.stringify({ ...SPEC, repeats: 1, data: path }),
    encoding: 'utf8',
    timeout: 900_000,
  });
  if (result.error !== undefined || result.status !== 0)
    return `skipped (${PYTHON} with torch not available: ${result.error?.message ?? result.stderr.trim().split('\n').pop()})`;
  const runs = new Map<string, TorchRun>();
  for (const line of result.stdout.trim().split('\n')) {
    const row = JSON.parse(line) as { name: string; seconds: number; cpuSeconds: number; torch: string };
    runs.set(row.name, { seconds: row.seconds, cpuSeconds: row.cpuSeconds });
    torchVersion = row.torch;
  }
  return runs;
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
  // Round-robin, lab then PyTorch in each round, so that a busy spell of the shared machine hits
  // both alike; each side keeps its fastest wall time and, separately, its least CPU time.
  const lab = new Map<string, LabRun>();
  let torch: Map<string, TorchRun> | string = new Map();
  try {
    for (let round = 0; round < SPEC.repeats; round++) {
      for (const [name, batchnorm] of [
        ['none', false],
        ['batchnorm', true],
      ] as const) {
        const run = trainOnce(batchnorm);
        const best = lab.get(name);
        lab.set(name, best === undefined ? run : fastest(best, run));
      }
      if (typeof torch === 'string') continue;
      const thisRound = runTorch(path);
      if (typeof thisRound === 'string') torch = thisRound;
      else for (const [name, run] of thisRound) torch.set(name, fastest(torch.get(name) ?? run, run));
    }
  } finally {
    rmSync(path, { force: true });
  }
  if (torchVersion !== '') console.log(`PyTorch ${torchVersion}`);
  const flops = trainingFlops();
  console.log(
    `\ndeep MLP, 200 Adam steps of 50 + 11 evaluations of 2000 rows (${(flops / 1e9).toFixed(2)} GFLOP in the products), fastest of ${SPEC.repeats}, load ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  );
  console.log(
    'normalization | lab s (evaluations s) | lab CPU s | PyTorch s | PyTorch CPU s | PyTorch/lab wall | PyTorch/lab CPU | lab GFLOP/s (CPU)',
  );
  const ratios: string[] = [];
  for (const [name, run] of lab) {
    const t = typeof torch === 'string' ? undefined : torch.get(name);
    const wall = t === undefined ? undefined : t.seconds / run.seconds;
    const cpu = t === undefined ? undefined : t.cpuSeconds / run.cpuSeconds;
    console.log(
      `${name.padEnd(13)} | ${run.seconds.toFixed(3).padStart(7)} (${run.evaluationSeconds.toFixed(3)}) | ${run.cpuSeconds.toFixed(3).padStart(9)} | ${t === undefined ? '        -' : t.seconds.toFixed(3).padStart(9)} | ${t === undefined ? '            -' : t.cpuSeconds.toFixed(3).padStart(13)} | ${wall === undefined ? '               -' : `${wall.toFixed(2)}×`.padStart(16)} | ${cpu === undefined ? '              -' : `${cpu.toFixed(2)}×`.padStart(15)} | ${(flops / run.cpuSeconds / 1e9).toFixed(1)}`,
    );
    if (wall !== undefined && cpu !== undefined) ratios.push(`${name} ${wall.toFixed(2)}× wall, ${cpu.toFixed(2)}× CPU`);
  }
  if (typeof torch === 'string') console.log(`PyTorch: ${torch}`);
  else console.log(`TARGET deep MLP at least as fast as PyTorch on one thread (PyTorch/lab ≥ 1): ${ratios.join('; ')}`);
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
    `the products alone at the kernel's best rate here: ${productsSeconds.toFixed(3)} s; the trainings take ${[...lab].map(([name, run]) => `${name} ${(run.cpuSeconds / productsSeconds).toFixed(2)}×`).join(', ')} that (CPU)\n`,
  );
}, 1_800_000);

/** The faster of two runs: the least wall time and, separately, the least CPU time. */
function fastest<T extends { seconds: number; cpuSeconds: number }>(a: T, b: T): T {
  const byWall = b.seconds < a.seconds ? b : a;
  return { ...byWall, cpuSeconds: Math.min(a.cpuSeconds, b.cpuSeconds) };
}
