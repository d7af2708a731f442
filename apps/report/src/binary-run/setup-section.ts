import type { BinaryRunRecord } from '@lab/run-record';
import type { RootContent } from 'mdast';
import { formatExact } from '../format-number';
import { type Cell, code, heading, type Inline, paragraph, table } from '../markdown';
import { configRows } from './config-rows';

/** `LINEAR(2→20) → RELU → LINEAR(20→3) → RELU → LINEAR(3→1) → SIGMOID`, the course's notation. */
export function architectureText(layerSizes: readonly number[], activations: readonly string[]): string {
  const parts: string[] = [];
  for (let l = 0; l + 1 < layerSizes.length; l++) {
    parts.push(`LINEAR(${layerSizes[l]}→${layerSizes[l + 1]})`);
    const activation = activations[l];
    if (activation !== undefined) parts.push(activation.toUpperCase());
  }
  return parts.join(' → ');
}

/**
 * The network in the course's notation: the record's layer list when it has one (any network),
 * else built from `layerSizes` and `activations` (a plain MLP); a softmax applied by the loss is
 * written last: `… → LINEAR(100→3) → SOFTMAX`.
 */
export function networkText(architecture: BinaryRunRecord['architecture']): string {
  if (architecture.layers === undefined) return architectureText(architecture.layerSizes, architecture.activations);
  const softmaxInLoss = architecture.loss === 'softmax-cross-entropy' && architecture.layers[architecture.layers.length - 1] !== 'SOFTMAX';
  return [...architecture.layers, ...(softmaxInLoss ? ['SOFTMAX'] : [])].join(' → ');
}

const DROPOUT_MASKS: Record<BinaryRunRecord['training']['dropoutMasks'], string> = {
  fresh: 'fresh masks at every step',
  course: "the course's reference draw: rand(units, examples), reseeded with 1 at every forward pass (the same masks at every iteration)",
};

/**
 * The setup section: data set, architecture, loss, hyperparameters, batching, seed and (when a
 * model uses dropout) the dropout mask mode; early stopping and a resume when the run had them.
 */
export function setupSection(record: BinaryRunRecord & { readonly config?: Readonly<Record<string, unknown>> }): RootContent[] {
  if (record.config !== undefined) return runConfigSetupSection(record, record.config);
  const { dataset, architecture, training } = record;
  const source: Inline = dataset.source === 'file' ? code(dataset.path ?? dataset.name) : 'built-in generator';
  const classes = dataset.classes ?? 2;
  const rows: Cell[][] = [
    ['data set', `${dataset.name}: ${dataset.description}`],
    ['source', source],
    ...(dataset.sha256 === undefined ? [] : [['SHA-256', code(dataset.sha256)] as Cell[]]),
    ['course data', dataset.isCourseData ? "yes (byte-identical to the course's file)" : 'no'],
    [
      'examples',
      `${dataset.trainSize} train, ${dataset.testSize} test, ${dataset.features} features${classes > 2 ? `, ${classes} classes` : ''}`,
    ],
    ['architecture', networkText(architecture)],
    ...(architecture.loss === undefined ? [] : [['loss', architecture.loss] as Cell[]]),
    ['initialization', architecture.initialization],
    ['optimizer', training.optimizer],
    ['learning rate', formatExact(training.learningRate)],
    ...(training.schedule === undefined ? [] : [['schedule', training.schedule] as Cell[]]),
    ['iterations', String(training.numIterations)],
    ...(training.epochs === undefined ? [] : [['epochs', String(training.epochs)] as Cell[]]),
    ['cost recorded every', `${training.costEvery} iterations`],
    ...(training.earlyStopping === undefined ? [] : [['early stopping', earlyStoppingText(training.earlyStopping)] as Cell[]]),
    ...(training.resumedFrom === undefined
      ? []
      : [['resumed from', [code(training.resumedFrom.path), ` at iteration ${training.resumedFrom.iteration}`]] as Cell[]]),
    ['seed', String(record.seed)],
    ...(record.models.some((model) => model.keepProb < 1)
      ? [['dropout masks', [code(training.dropoutMasks), `: ${DROPOUT_MASKS[training.dropoutMasks]}`]] as Cell[]]
      : []),
  ];
  return [heading(2, 'Setup'), table([{ header: 'setting' }, { header: 'value' }], rows)];
}

function earlyStoppingText(early: NonNullable<BinaryRunRecord['training']['earlyStopping']>): string {
  const stopped = early.stoppedEarly ? 'stopped early' : 'ran to the end';
  const restored = early.restoredEpoch === undefined ? '' : `; the weights of epoch ${early.restoredEpoch} put back`;
  return `on ${early.metric}: ${stopped}${restored}`;
}

/**
 * The setup section of a record that holds its resolved run config (a `train` record): what the
 * data and the network turned out to be (sizes, the file's SHA-256, the layers, the schedule as
 * it ran, the iterations run, early stopping's outcome, a resume), then every setting of the config
 * as a row of its own ({@link configRows}): the data's generator settings and seed, every layer and
 * initializer, the loss, L2, every optimizer hyperparameter, the schedule, batching, early stopping.
 * The config holds only what applies (no mask mode without a dropout layer), so neither does this.
 */
function runConfigSetupSection(record: BinaryRunRecord, config: Readonly<Record<string, unknown>>): RootContent[] {
  const { dataset, architecture, training } = record;
  const classes = dataset.classes ?? 2;
  const rows: Cell[][] = [
    ['data set', `${dataset.name}: ${dataset.description}`],
    ...(dataset.source === 'file' ? [['data file', code(dataset.path ?? dataset.name)] as Cell[]] : []),
    ...(dataset.sha256 === undefined ? [] : [['SHA-256', code(dataset.sha256)] as Cell[]]),
    ...(dataset.testPath === undefined ? [] : [['test file', code(dataset.testPath)] as Cell[]]),
    ...(dataset.testSha256 === undefined ? [] : [['test file SHA-256', code(dataset.testSha256)] as Cell[]]),
    ...(dataset.source === 'file'
      ? [['course data', dataset.isCourseData ? "yes (byte-identical to the course's file)" : 'no'] as Cell[]]
      : []),
    [
      'examples',
      `${dataset.trainSize} train, ${dataset.testSize} test, ${dataset.features} features${classes > 2 ? `, ${classes} classes` : ''}`,
    ],
    ['architecture', networkText(architecture)],
    ['initialization', architecture.initialization],
    ...(training.schedule === undefined ? [] : [['schedule', training.schedule] as Cell[]]),
    ['iterations run', String(training.numIterations)],
    ...(training.epochs === undefined ? [] : [['epochs run', String(training.epochs)] as Cell[]]),
    ...(training.earlyStopping === undefined ? [] : [['early stopping', earlyStoppingText(training.earlyStopping)] as Cell[]]),
    ...(training.resumedFrom === undefined
      ? []
      : [['resumed from', [code(training.resumedFrom.path), ` at iteration ${training.resumedFrom.iteration}`]] as Cell[]]),
    ...configRows(config),
  ];
  return [
    heading(2, 'Setup'),
    paragraph(
      'What the data and the network turned out to be, then every setting of the run config as the record holds it, every default filled in (',
      code('lab train --config run.json'),
      ' runs it again).',
    ),
    table([{ header: 'setting' }, { header: 'value' }], rows),
  ];
}
