import type { TrainRecord } from '@lab/run-record';
import { environmentSection } from '../environment-section';
import { heading, paragraph, root, toGfm } from '../markdown';
import type { RenderedReport } from '../rendered-report';
import { modelFigures } from './model-figures';
import { modelLabels } from './model-labels';
import { modelTimingsSection } from './model-timings-section';
import { resultsTable } from './results-section';
import { networkText, setupSection } from './setup-section';

/**
 * The report of `lab train --config FILE`: one configured training run. The regularization
 * report's sections (setup, results, cost curve, decision boundary, environment, timings),
 * without what only a comparison of models needs: no best model, no published numbers.
 * @param record - a validated train record
 * @returns the markdown and its figures (the cost curve, then the decision boundary when the model has a grid)
 */
export async function renderTrainReport(record: TrainRecord): Promise<RenderedReport> {
  const labels = modelLabels(record.models);
  const [model] = record.models;
  const { architecture, training, dataset } = record;
  const { figures, sections } = await modelFigures(record, labels);
  const tree = root([
    heading(1, `Training run: ${model.name}`),
    paragraph(
      `${model.name}: ${networkText(architecture)} trained with ${training.optimizer} `,
      `for ${training.numIterations} iterations on ${dataset.name}.`,
    ),
    ...setupSection(record),
    heading(2, 'Results'),
    resultsTable(record.models, labels),
    paragraph('Training time is in the timings section.'),
    ...sections,
    ...environmentSection(record.environment, record.seed),
    ...modelTimingsSection(record, labels),
  ]);
  return { markdown: toGfm(tree), figures };
}
