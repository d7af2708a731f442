import { architectureText, type Cell, code, formatCost, formatExact, formatFixed, heading, paragraph, table } from '@lab/report';
import type { RootContent } from 'mdast';
import type { InitializationRecord } from '../record';

/** The setup section: data, network, each model's initialization, optimizer, cost and seed. */
export function setupSection(record: InitializationRecord): RootContent[] {
  const { dataset, architecture, training } = record;
  const rows: Cell[][] = [
    ['data set', `${dataset.name}: ${dataset.description}`],
    ['examples', `${dataset.trainSize} train, ${dataset.testSize} test, ${dataset.features} features`],
    ['architecture', architectureText(architecture.layerSizes, architecture.activations)],
    ...record.models.map((model): Cell[] => [`weights of ${model.name}`, code(model.expression)]),
    ['biases', 'zeros'],
    ['optimizer', 'gradient descent (full batch)'],
    ['learning rate', formatExact(training.learningRate)],
    ['iterations', String(training.numIterations)],
    ['cost recorded every', `${training.costEvery} iterations, before that iteration's update`],
    [
      'cost',
      [
        "the course's ",
        code('1./m * np.nansum(logprobs)'),
        ': a term 0·log 0 adds nothing; an output rounded to exactly 0 or 1 on the wrong side makes it +∞',
      ],
    ],
    ['seed', [code(`np.random.seed(${record.seed})`), " before each model's weights"]],
  ];
  return [heading(2, 'Setup'), table([{ header: 'setting' }, { header: 'value' }], rows)];
}

/** The results table: cost at iteration 0, final cost, train and test accuracy per model. */
export function resultsSection(record: InitializationRecord, labels: readonly string[]): RootContent[] {
  return [
    heading(2, 'Results'),
    table(
      [
        { header: 'model' },
        { header: 'cost at iteration 0', align: 'right' },
        { header: 'final cost', align: 'right' },
        { header: 'train accuracy', align: 'right' },
        { header: 'test accuracy', align: 'right' },
      ],
      record.models.map((model, m) => {
        const first = model.costs.find((c) => c.iteration === 0);
        return [
          labels[m] ?? model.name,
          first === undefined ? 'not recorded' : formatCost(first.cost),
          formatCost(model.finalCost),
          formatFixed(model.trainAccuracy, 4),
          formatFixed(model.testAccuracy, 4),
        ];
      }),
    ),
    paragraph('The final cost is that of the weights after the last update. Training time per model is in the timings section.'),
  ];
}
