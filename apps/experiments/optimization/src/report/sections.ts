import { architectureText, type Cell, code, formatCost, formatExact, formatFixed, heading, paragraph, table } from '@lab/report';
import { fromRecordedCost } from '@lab/run-record';
import type { RootContent } from 'mdast';
import type { OptimizationModel, OptimizationRecord } from '../record';
import { printedCost } from './comparison';

/** The update rule of an optimizer, in the course's terms. */
export function updateRuleText(settings: OptimizationModel['optimizer']): string {
  switch (settings.kind) {
    case 'gd':
      return 'W = W − lr·dW';
    case 'momentum':
      return `v = ${settings.beta}·v + (1 − ${settings.beta})·dW; W = W − lr·v`;
    case 'adam':
      return `v = ${settings.beta1}·v + (1 − ${settings.beta1})·dW, s = ${settings.beta2}·s + (1 − ${settings.beta2})·dW²; W = W − lr·v̂/(√ŝ + ${settings.epsilon}), v̂ and ŝ bias-corrected with the step count t`;
  }
}

/** The setup section: data, network, initialization, each model's update rule, mini-batches, cost and seeds. */
export function setupSection(record: OptimizationRecord): RootContent[] {
  const { dataset, architecture, training } = record;
  const rows: Cell[][] = [
    ['data set', `${dataset.name}: ${dataset.description}`],
    ['examples', `${dataset.trainSize} train, ${dataset.features} features`],
    ['architecture', architectureText(architecture.layerSizes, architecture.activations)],
    ['weights', [code(architecture.initialization), `, after `, code(`np.random.seed(${record.seed})`)]],
    ['biases', 'zeros'],
    ...record.models.map((model): Cell[] => [`update of ${model.name}`, updateRuleText(model.optimizer)]),
    ['learning rate', formatExact(training.learningRate)],
    ['epochs', String(training.epochs)],
    [
      'mini-batches',
      [
        `${training.batchSize} examples (the last batch holds the rest); every epoch e (from 0) reshuffles with `,
        code(`np.random.seed(${training.epochSeedBase} + e + 1); np.random.permutation(m)`),
      ],
    ],
    [
      'cost recorded',
      `every ${training.costEveryEpochs} epochs: the cost of the epoch's last mini-batch, before its update, as the course prints it`,
    ],
  ];
  return [heading(2, 'Setup'), table([{ header: 'setting' }, { header: 'value' }], rows)];
}

/** The results table: cost after epoch 0 and at the last recorded epoch, final cost on all the data, train accuracy. */
export function resultsSection(record: OptimizationRecord, labels: readonly string[]): RootContent[] {
  return [
    heading(2, 'Results'),
    table(
      [
        { header: 'model' },
        { header: 'cost after epoch 0', align: 'right' },
        { header: 'last recorded cost', align: 'right' },
        { header: 'final cost (all data)', align: 'right' },
        { header: 'train accuracy', align: 'right' },
      ],
      record.models.map((model, m) => {
        const first = model.costs[0];
        const last = model.costs[model.costs.length - 1];
        return [
          labels[m] ?? model.name,
          first === undefined ? 'not recorded' : printedCost(fromRecordedCost(first.cost)),
          last === undefined ? 'not recorded' : `${printedCost(fromRecordedCost(last.cost))} (epoch ${last.epoch})`,
          formatCost(model.finalCost),
          formatFixed(model.trainAccuracy, 4),
        ];
      }),
    ),
    paragraph(
      'Recorded costs are those of single mini-batches, printed as the course prints them; the final cost is that of the final weights on all the training data. Training time per model is in the timings section.',
    ),
  ];
}
