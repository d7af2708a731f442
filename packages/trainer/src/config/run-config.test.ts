import { ConfigError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { loadExpressionParser } from '../schedules';
import { parseSweepConfig } from '../sweep/sweep-config';
import { SweepStudy } from '../sweep/sweep-study';
import { parseRunConfig } from './run-config';

const valid = {
  data: { kind: 'moons', n: 200 },
  model: {
    layers: [{ kind: 'linear', units: 8 }, { kind: 'relu' }, { kind: 'linear', units: 1 }, { kind: 'sigmoid' }],
    loss: 'binary-cross-entropy',
  },
  optimizer: { kind: 'adam', learningRate: 0.01 },
  training: { iterations: 100 },
};

/** `valid` with the field at `path` (`model.layers[1].keepProb`) set to `value`, or removed when `value` is undefined. */
function variant(path: string, value: unknown): Record<string, unknown> {
  const config = structuredClone(valid) as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = config as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return config;
}

const softmax = (layers: unknown[], data: unknown = { kind: 'spiral' }) => ({
  ...valid,
  data,
  model: { layers, loss: 'softmax-cross-entropy' },
});
const ONE_LINEAR = { kind: 'linear', units: 1 };

describe('parseRunConfig', () => {
  it('fills in every default: seeds, data settings, initialization, optimizer hyperparameters, schedule', () => {
    expect(parseRunConfig(valid)).toEqual({
      name: 'run',
      seed: 3,
      data: { kind: 'moons', n: 200, noise: 0.1, testFraction: 0.3, seed: 3 },
      model: {
        layers: [
          { kind: 'linear', units: 8, init: { kind: 'course' } },
          { kind: 'relu' },
          { kind: 'linear', units: 1, init: { kind: 'course' } },
          { kind: 'sigmoid' },
        ],
        loss: 'binary-cross-entropy',
        l2: 0,
      },
      optimizer: { kind: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 },
      schedule: { kind: 'constant' },
      training: { iterations: 100, costEvery: 100 },
    });
    const layers = [
      { kind: 'linear', units: 4, init: { kind: 'scaled-normal' } },
      { kind: 'batchnorm' },
      { kind: 'layernorm' },
      { kind: 'dropout', keepProb: 0.5 },
      { kind: 'linear', units: 3 },
    ];
    const config = parseRunConfig({ ...softmax(layers), optimizer: { kind: 'rmsprop', learningRate: 0.1 } });
    expect(config.model.layers.slice(0, 4)).toEqual([
      { kind: 'linear', units: 4, init: { kind: 'scaled-normal', scale: 0.01 } },
      { kind: 'batchnorm', momentum: 0.9, eps: 1e-5 },
      { kind: 'layernorm', eps: 1e-5 },
      { kind: 'dropout', keepProb: 0.5, masks: 'fresh' },
    ]);
    expect(config.data).toEqual({ kind: 'spiral', pointsPerClass: 100, classes: 3, noise: 0.2, testFraction: 0.3, seed: 3 });
    expect(config.optimizer).toEqual({ kind: 'rmsprop', learningRate: 0.1, beta: 0.9, epsilon: 1e-8, weightDecay: 0 });
    expect(parseRunConfig({ ...valid, optimizer: { kind: 'momentum', learningRate: 1 } }).optimizer).toEqual({
      kind: 'momentum',
      learningRate: 1,
      beta: 0.9,
      weightDecay: 0,
    });
    expect(parseRunConfig({ ...valid, data: { kind: 'moons', seed: 7 }, seed: 1 }).data).toMatchObject({ seed: 7 });
    expect(parseRunConfig({ ...valid, data: { kind: 'mat' } }).data).toEqual({
      kind: 'mat',
      variables: { trainX: 'X', trainY: 'y', testX: 'Xval', testY: 'yval' },
    });
    expect(parseRunConfig({ ...softmax([{ kind: 'linear', units: 10 }], { kind: 'mnist' }) }).data).toEqual({
      kind: 'mnist',
      trainSize: 1000,
      testSize: 1000,
      seed: 3,
    });
  });

  it('moons and circles: a second generated set for testing (test) instead of a held-out share; costs every k epochs instead of every k steps', () => {
    const config = parseRunConfig({
      ...valid,
      data: { kind: 'circles', n: 300, factor: 0.8, seed: 1, test: { n: 100, seed: 2 } },
      training: { epochs: 10, batchSize: 64, costEveryEpochs: 2, epochSeedBase: 10, allowInfiniteCost: true },
    });
    // No testFraction when there is a test set; no costEvery when costs are counted in epochs.
    expect(config.data).toEqual({ kind: 'circles', n: 300, factor: 0.8, noise: 0.05, seed: 1, test: { n: 100, seed: 2 } });
    expect(config.training).toEqual({ epochs: 10, batchSize: 64, costEveryEpochs: 2, epochSeedBase: 10, allowInfiniteCost: true });
    expect(parseRunConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
    expect(parseRunConfig({ ...valid, data: { kind: 'moons', test: { n: 50 } } }).data).toEqual({
      kind: 'moons',
      n: 200,
      noise: 0.1,
      seed: 3,
      test: { n: 50 },
    });
  });

  it('gives back what it returns: its output parses to itself (a record holds it, and reruns it)', () => {
    const config = parseRunConfig({ ...softmax([{ kind: 'linear', units: 3 }]), training: { epochs: 2, batchSize: 8 } });
    expect(parseRunConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
    expect(parseRunConfig({ schemaVersion: 1, kind: 'train', config }, 'run.json')).toEqual(config);
  });

  // Every error path: one line naming the file, the field path and what is wrong.
  const fieldErrors: [string, unknown, string][] = [
    ['extra', 1, 'extra: unknown field (the fields: name, seed, data, model, optimizer, schedule, training)'],
    ['name', '', 'name: Too small: expected string to have >=1 characters'],
    ['seed', -1, 'seed: Too small: expected number to be >=0'],
    ['seed', 2 ** 32, 'seed: Too big: expected number to be <=4294967295'],
    ['seed', 1.5, 'seed: Invalid input: expected int, received number'],
    ['data', undefined, 'data: required (object)'],
    [
      'data.kind',
      'iris',
      'data.kind: "iris" is not one of "football", "moons", "circles", "spiral", "blobs", "planar-flower", "mat", "csv", "mnist"',
    ],
    [
      'data',
      { n: 3 },
      'data.kind: required: one of "football", "moons", "circles", "spiral", "blobs", "planar-flower", "mat", "csv", "mnist"',
    ],
    ['data.n', 1e12, 'data.n: Too big: expected number to be <=10000000'],
    ['data.noise', -1, 'data.noise: Too small: expected number to be >=0'],
    ['data.testFraction', 1, 'data.testFraction: Too big: expected number to be <1'],
    ['data.factor', 0.5, 'data.factor: unknown field (the fields of "moons": kind, n, noise, testFraction, test, seed)'],
    [
      'data',
      { kind: 'circles', testFraction: 0.2, test: { n: 100 } },
      'data.testFraction: give testFraction (a share held out) or test (a second generated set), not both',
    ],
    ['data.test', { n: 1 }, 'data.test.n: Too small: expected number to be >=2'],
    ['data.test', { n: 10, seed: -1 }, 'data.test.seed: Too small: expected number to be >=0'],
    ['data.test', { n: 10, testFraction: 0.5 }, 'data.test.testFraction: unknown field (the fields: n, seed)'],
    ['data.seed', -1, 'data.seed: Too small: expected number to be >=0'],
    ['data', { kind: 'football', trainSize: 0 }, 'data.trainSize: Too small: expected number to be >0'],
    ['data', { kind: 'circles', factor: 1 }, 'data.factor: Too big: expected number to be <1'],
    ['data', { kind: 'spiral', classes: 1 }, 'data.classes: Too small: expected number to be >=2'],
    ['data', { kind: 'spiral', pointsPerClass: 1.5 }, 'data.pointsPerClass: Invalid input: expected int, received number'],
    ['data', { kind: 'blobs', centers: 1 }, 'data.centers: Too small: expected number to be >=2'],
    [
      'data',
      { kind: 'blobs', centers: 'many' },
      'data.centers: expected a number of centers from 2 to 10000, or a list of at least 2 [x, y] centers',
    ],
    ['data', { kind: 'blobs', box: [1] }, 'data.box: Too small: expected array to have >=2 items'],
    ['data', { kind: 'planar-flower', petalLength: -1 }, 'data.petalLength: Too small: expected number to be >=0'],
    ['data', { kind: 'mat', path: '' }, 'data.path: Too small: expected string to have >=1 characters'],
    ['data', { kind: 'mat', variables: { trainX: 'X' } }, 'data.variables.trainY: required (string)'],
    ['data', { kind: 'csv' }, 'data.path: required (string)'],
    [
      'data',
      { kind: 'csv', path: 'a.csv', labelColumn: 1.5 },
      'data.labelColumn: expected a column index (an integer, negative from the end) or a column name',
    ],
    ['data', { kind: 'csv', path: 'a.csv', header: 'yes' }, 'data.header: Invalid input: expected boolean, received string'],
    ['data', { kind: 'mnist', trainSize: 20000 }, 'data.trainSize: Too big: expected number to be <=10000'],
    ['model', undefined, 'model: required (object)'],
    ['model.layers', [], 'model.layers: Too small: expected array to have >=1 items'],
    ['model.layers', new Array(401).fill({ kind: 'relu' }), 'model.layers: Too big: expected array to have <=400 items'],
    [
      'model.layers[0].kind',
      'conv',
      'model.layers[0].kind: "conv" is not one of "linear", "relu", "sigmoid", "softmax", "dropout", "batchnorm", "layernorm"',
    ],
    ['model.layers[0]', { kind: 'linear' }, 'model.layers[0].units: required (number)'],
    ['model.layers[0].units', 0, 'model.layers[0].units: Too small: expected number to be >0'],
    ['model.layers[0].units', 1e6, 'model.layers[0].units: Too big: expected number to be <=100000'],
    ['model.layers[0].units', 1.5, 'model.layers[0].units: Invalid input: expected int, received number'],
    [
      'model.layers[0].init',
      { kind: 'uniform' },
      'model.layers[0].init.kind: "uniform" is not one of "course", "he", "xavier", "scaled-normal", "zeros"',
    ],
    ['model.layers[0].init', { kind: 'he', scale: 2 }, 'model.layers[0].init.scale: unknown field (the fields of "he": kind)'],
    ['model.layers[0].init', { kind: 'scaled-normal', scale: -1 }, 'model.layers[0].init.scale: Too small: expected number to be >=0'],
    ['model.layers[1]', { kind: 'relu', units: 3 }, 'model.layers[1].units: unknown field (the fields of "relu": kind)'],
    ['model.layers[1]', { kind: 'dropout' }, 'model.layers[1].keepProb: required (number)'],
    ['model.layers[1]', { kind: 'dropout', keepProb: 0 }, 'model.layers[1].keepProb: Too small: expected number to be >0'],
    ['model.layers[1]', { kind: 'dropout', keepProb: 1.5 }, 'model.layers[1].keepProb: Too big: expected number to be <=1'],
    [
      'model.layers[1]',
      { kind: 'dropout', keepProb: 0.5, masks: 'sometimes' },
      'model.layers[1].masks: Invalid option: expected one of "fresh"|"course"',
    ],
    ['model.layers[1]', { kind: 'batchnorm', momentum: 2 }, 'model.layers[1].momentum: Too big: expected number to be <=1'],
    ['model.layers[1]', { kind: 'batchnorm', eps: 0 }, 'model.layers[1].eps: Too small: expected number to be >0'],
    ['model.layers[1]', { kind: 'layernorm', eps: -1 }, 'model.layers[1].eps: Too small: expected number to be >0'],
    ['model.loss', 'mse', 'model.loss: Invalid option: expected one of "binary-cross-entropy"|"softmax-cross-entropy"'],
    ['model.loss', undefined, 'model.loss: required: one of "binary-cross-entropy", "softmax-cross-entropy"'],
    ['model.l2', -1, 'model.l2: Too small: expected number to be >=0'],
    ['model.dropout', 0.5, 'model.dropout: unknown field (the fields: layers, loss, l2)'],
    ['optimizer', undefined, 'optimizer: required (object)'],
    ['optimizer.kind', 'sgd', 'optimizer.kind: "sgd" is not one of "gd", "momentum", "rmsprop", "adam"'],
    ['optimizer.learningRate', -1, 'optimizer.learningRate: Too small: expected number to be >0'],
    ['optimizer.learningRate', undefined, 'optimizer.learningRate: required (number)'],
    ['optimizer.beta', 0.9, 'optimizer.beta: unknown field (the fields of "adam": kind, learningRate, beta1, beta2, epsilon, weightDecay)'],
    ['optimizer.beta1', 1, 'optimizer.beta1: Too big: expected number to be <1'],
    ['optimizer.epsilon', 0, 'optimizer.epsilon: Too small: expected number to be >0'],
    ['optimizer.weightDecay', -1, 'optimizer.weightDecay: Too small: expected number to be >=0'],
    [
      'schedule',
      { kind: 'cosine' },
      'schedule.kind: "cosine" is not one of "constant", "step", "exponential", "inverse-time", "expression"',
    ],
    ['schedule', { kind: 'step', epochsPerDrop: 1 }, 'schedule.dropFactor: required (number)'],
    ['schedule', { kind: 'step', dropFactor: 0, epochsPerDrop: 1 }, 'schedule.dropFactor: Too small: expected number to be >0'],
    ['schedule', { kind: 'exponential', decayRate: 2 }, 'schedule.decayRate: Too big: expected number to be <=1'],
    ['schedule', { kind: 'expression', expression: '' }, 'schedule.expression: Too small: expected string to have >=1 characters'],
    ['training', undefined, 'training: required (object)'],
    ['training', {}, 'training.iterations: give iterations (optimizer steps) or epochs (passes over the data)'],
    ['training', { iterations: 1, epochs: 1 }, 'training.epochs: give iterations or epochs, not both'],
    ['training.iterations', -1, 'training.iterations: Too small: expected number to be >=0'],
    ['training.iterations', 1e9, 'training.iterations: Too big: expected number to be <=100000000'],
    ['training', { epochs: 1.5 }, 'training.epochs: Invalid input: expected int, received number'],
    ['training.batchSize', 0, 'training.batchSize: Too small: expected number to be >0'],
    ['training.costEvery', 0, 'training.costEvery: Too small: expected number to be >0'],
    ['training.costEveryEpochs', 0, 'training.costEveryEpochs: Too small: expected number to be >0'],
    [
      'training',
      { iterations: 1, costEvery: 1, costEveryEpochs: 1 },
      'training.costEveryEpochs: give costEvery (steps) or costEveryEpochs (epochs), not both',
    ],
    ['training.epochSeedBase', 1.5, 'training.epochSeedBase: Invalid input: expected int, received number'],
    ['training.allowInfiniteCost', 'yes', 'training.allowInfiniteCost: Invalid input: expected boolean, received string'],
    [
      'training.earlyStopping',
      { metric: 'f1', patience: 1 },
      'training.earlyStopping.metric: Invalid option: expected one of "testAccuracy"|"testCost"|"trainAccuracy"|"trainCost"',
    ],
    ['training.earlyStopping', { metric: 'testCost' }, 'training.earlyStopping.patience: required (number)'],
    [
      'training.earlyStopping',
      { metric: 'testCost', patience: -1 },
      'training.earlyStopping.patience: Too small: expected number to be >=0',
    ],
    [
      'training.earlyStopping',
      { metric: 'testCost', patience: 1, interval: 0 },
      'training.earlyStopping.interval: Too small: expected number to be >0',
    ],
    [
      'training.earlyStopping',
      { metric: 'testCost', patience: 1, minDelta: -1 },
      'training.earlyStopping.minDelta: Too small: expected number to be >=0',
    ],
    ['training.checkpoints', { path: 'c.json' }, 'training.checkpoints.interval: required (number)'],
    ['training.checkpoints', { path: '', interval: 1 }, 'training.checkpoints.path: Too small: expected string to have >=1 characters'],
    [
      'training.steps',
      3,
      'training.steps: unknown field (the fields: iterations, epochs, batchSize, costEvery, costEveryEpochs, epochSeedBase, allowInfiniteCost, earlyStopping, checkpoints)',
    ],
  ];
  it.each(fieldErrors)('%s = %j: names the file and the field', (path, value, message) => {
    expect(() => parseRunConfig(variant(path, value), 'run.yaml')).toThrow(`run.yaml: ${message}`);
    // One line, and exactly that line.
    let thrown: unknown;
    try {
      parseRunConfig(variant(path, value), 'run.yaml');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toBe(`run.yaml: ${message}`);
  });

  // The model against its loss and, for built-in data, against the data.
  const modelErrors: [string, unknown, string][] = [
    [
      'no linear layer',
      variant('model.layers', [{ kind: 'relu' }, { kind: 'sigmoid' }]),
      'model.layers: a network needs at least one linear layer',
    ],
    [
      'too many linear layers',
      variant('model.layers', [...new Array(101).fill(ONE_LINEAR), { kind: 'sigmoid' }]),
      'model.layers: 101 linear layers, more than the 100 a model may have',
    ],
    [
      'binary cross-entropy without a final sigmoid',
      variant('model.layers[3]', { kind: 'relu' }),
      'model.layers[3]: binary-cross-entropy takes probabilities: the last layer must be {kind: sigmoid}, got relu',
    ],
    [
      'binary cross-entropy over 3 units',
      variant('model.layers[2].units', 3),
      'model.layers[2].units: binary-cross-entropy needs 1 output unit (a sigmoid for labels 0 and 1), got 3',
    ],
    [
      'binary cross-entropy on 3 classes',
      variant('data', { kind: 'spiral' }),
      'model.loss: binary-cross-entropy needs labels 0 and 1, but spiral (classes: 3) has 3 classes: use softmax-cross-entropy with 3 output units',
    ],
    [
      'binary cross-entropy on 4 blobs',
      variant('data', { kind: 'blobs', centers: 4 }),
      'model.loss: binary-cross-entropy needs labels 0 and 1, but blobs (4 centers) has 4 classes: use softmax-cross-entropy with 4 output units',
    ],
    [
      'softmax cross-entropy after a softmax',
      softmax([{ kind: 'linear', units: 3 }, { kind: 'softmax' }]),
      'model.layers[1]: softmax-cross-entropy takes raw scores and applies the softmax itself: remove this softmax layer',
    ],
    [
      'softmax cross-entropy after a sigmoid',
      variant('model.loss', 'softmax-cross-entropy'),
      'model.layers[3]: softmax-cross-entropy takes raw scores: the last layer must be linear (one unit per class), got sigmoid',
    ],
    [
      'softmax cross-entropy over 1 unit',
      softmax([ONE_LINEAR]),
      'model.layers[0].units: softmax-cross-entropy needs at least 2 classes (output units), got 1',
    ],
    [
      'softmax cross-entropy with more units than classes',
      softmax([{ kind: 'linear', units: 4 }]),
      'model.layers[0].units: spiral (classes: 3) has 3 classes, so the last layer needs 3 units, got 4',
    ],
    [
      'softmax cross-entropy on MNIST with 9 units',
      softmax([{ kind: 'linear', units: 9 }], { kind: 'mnist' }),
      'model.layers[0].units: mnist (digits 0 to 9) has 10 classes, so the last layer needs 10 units, got 9',
    ],
    [
      'too many parameters for the data',
      softmax(
        [
          { kind: 'linear', units: 90000 },
          { kind: 'linear', units: 10 },
        ],
        { kind: 'mnist' },
      ),
      'model.layers: 71550010 parameters on 784 input features, more than the 20000000 a run may have',
    ],
    [
      'dropout masks drawn two ways',
      variant('model.layers', [
        { kind: 'linear', units: 4 },
        { kind: 'dropout', keepProb: 0.5, masks: 'course' },
        { kind: 'linear', units: 4 },
        { kind: 'dropout', keepProb: 0.5 },
        { kind: 'linear', units: 1 },
        { kind: 'sigmoid' },
      ]),
      'model.layers[3].masks: every dropout layer of a model draws its masks the same way: layers[1] has masks course, this one fresh',
    ],
    [
      'batch norm over batches of 1',
      { ...variant('model.layers[1]', { kind: 'batchnorm' }), training: { iterations: 1, batchSize: 1 } },
      'training.batchSize: batch norm normalizes over a batch: it needs at least 2 examples per batch, got 1',
    ],
  ];
  it.each(modelErrors)('%s: names the field to change', (_what, config, message) => {
    expect(() => parseRunConfig(config, 'run.yaml')).toThrow(new ConfigError(`run.yaml: ${message}`));
  });

  it('lets a binary set train under softmax cross-entropy with 2 units', () => {
    expect(parseRunConfig(softmax([{ kind: 'linear', units: 2 }], { kind: 'moons' })).model.loss).toBe('softmax-cross-entropy');
  });

  it('names the field when the optimizer or the schedule cannot be built', async () => {
    const badExpression = { ...valid, schedule: { kind: 'expression', expression: 'epoch +' } };
    const expressionParser = await loadExpressionParser();
    expect(() => parseRunConfig(badExpression, 'run.yaml', { expressionParser })).toThrow(
      /^run\.yaml: schedule: ExpressionSchedule: "epoch \+": /,
    );
    // Without mathjs the expression is left to the trainer, which checks it before the first step.
    expect(parseRunConfig(badExpression, 'run.yaml').schedule).toEqual(badExpression.schedule);
  });

  it('reads a run record as its config, and names a record that holds none', () => {
    const config = parseRunConfig(valid);
    expect(parseRunConfig({ schemaVersion: 1, kind: 'train', models: [], config }, 'run.json')).toEqual(config);
    expect(() =>
      parseRunConfig({ schemaVersion: 1, kind: 'train', config: { ...config, model: { ...config.model, l2: -1 } } }, 'run.json'),
    ).toThrow(new ConfigError('run.json: config: model.l2: Too small: expected number to be >=0'));
    expect(() => parseRunConfig({ schemaVersion: 1, kind: 'train', models: [] }, 'run.json')).toThrow(
      new ConfigError(
        'run.json: a run record written before records held their config (kind "train"): rerun it from the config it was made with',
      ),
    );
  });
});

describe('sweep paths into a resolved run config', () => {
  it('model.l2, model.layers[k].keepProb and model.layers[0].init.scale set those fields, and each trial is checked', () => {
    const base = {
      data: { kind: 'spiral' },
      model: {
        layers: [
          { kind: 'linear', units: 16, init: { kind: 'scaled-normal' } },
          { kind: 'relu' },
          { kind: 'dropout', keepProb: 0.9 },
          { kind: 'linear', units: 3 },
        ],
        loss: 'softmax-cross-entropy',
      },
      optimizer: { kind: 'adam', learningRate: 0.01 },
      training: { iterations: 10 },
    };
    const sweep = parseSweepConfig({
      name: 'paths',
      base,
      parameters: { 'model.l2': [0, 0.1], 'model.layers[2].keepProb': [0.5, 1], 'model.layers[0].init.scale': [0.01, 1] },
      metric: { name: 'testAccuracy', goal: 'maximize' },
    });
    const study = new SweepStudy(sweep);
    const next = study.ask();
    if (next.kind !== 'trial') throw new Error('expected a trial');
    const config = parseRunConfig(next.trial.config);
    expect(config.model.l2).toBe(0);
    expect(config.model.layers[2]).toEqual({ kind: 'dropout', keepProb: 0.5, masks: 'fresh' });
    expect(config.model.layers[0]).toEqual({ kind: 'linear', units: 16, init: { kind: 'scaled-normal', scale: 0.01 } });
    expect(() =>
      parseSweepConfig({ ...sweep.source, parameters: { 'model.layers[2].keepProb': [0.5, 1.5] } }, { source: 'sweep.yaml' }),
    ).toThrow(
      new ConfigError(
        'sweep.yaml: parameters["model.layers[2].keepProb"] = 1.5: model.layers[2].keepProb: Too big: expected number to be <=1',
      ),
    );
  });
});
