import { environmentSection, heading, modelLabels, modelTimingsSection, paragraph, type RenderedReport, root, toGfm } from '@lab/report';
import type { OptimizationRecord } from '../record';
import { comparisonSection } from './comparison-section';
import { conclusionsSection } from './conclusions';
import { optimizationFigures } from './figures';
import { resultsSection, setupSection } from './sections';

/**
 * The report of `lab experiment optimization`: title, setup, results, cost curves, decision
 * boundaries, the comparison with the published numbers, conclusions, environment and timings
 * (the last inside the timing markers).
 * @param record - a validated optimization record
 * @returns the markdown and its figures (cost curves first, then one decision boundary per model with a grid)
 */
export async function renderOptimizationReport(record: OptimizationRecord): Promise<RenderedReport> {
  const labels = modelLabels(record.models);
  const { figures, sections } = await optimizationFigures(record, labels);
  const tree = root([
    heading(1, 'Optimization experiment'),
    paragraph(
      `The same network trained with ${record.models.length === 1 ? 'one optimizer' : `${record.models.length} optimizers`} (${labels.join(', ')}) `,
      `on mini-batches of ${record.training.batchSize} for ${record.training.epochs} epochs on ${record.dataset.name}.`,
    ),
    ...setupSection(record),
    ...resultsSection(record, labels),
    ...sections,
    ...comparisonSection(record, labels),
    ...conclusionsSection(record, labels),
    ...environmentSection(record.environment, record.seed),
    ...modelTimingsSection(record, labels),
  ]);
  return { markdown: toGfm(tree), figures };
}
