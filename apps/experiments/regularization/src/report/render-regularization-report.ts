import {
  environmentSection,
  heading,
  modelFigures,
  modelLabels,
  modelTimingsSection,
  paragraph,
  type RenderedReport,
  resultsSection,
  root,
  setupSection,
  toGfm,
} from '@lab/report';
import type { RegularizationRecord } from '../record';
import { comparisonSection } from './comparison-section';
import { conclusionsSection } from './conclusions';

/**
 * The report of `lab experiment regularization`: title, setup, results, cost curves,
 * decision boundaries, the comparison with the published numbers, conclusions, environment and
 * timings (the last inside the timing markers).
 * @param record - a validated regularization record
 * @returns the markdown and its figures (cost curves first, then one decision boundary per model with a grid)
 */
export async function renderRegularizationReport(record: RegularizationRecord): Promise<RenderedReport> {
  const labels = modelLabels(record.models);
  const { figures, sections } = await modelFigures(record, labels);
  const tree = root([
    heading(1, 'Regularization experiment'),
    paragraph(
      `${record.models.length === 1 ? 'One model' : `${record.models.length} models`} (${labels.join(', ')}) of the same network, `,
      `trained with ${record.training.optimizer} for ${record.training.numIterations} iterations on ${record.dataset.name}.`,
    ),
    ...setupSection(record),
    ...resultsSection(record.models, labels),
    ...sections,
    ...comparisonSection(record, labels),
    ...conclusionsSection(record, labels),
    ...environmentSection(record.environment, record.seed),
    ...modelTimingsSection(record, labels),
  ]);
  return { markdown: toGfm(tree), figures };
}
