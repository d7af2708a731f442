import { environmentSection, heading, modelLabels, modelTimingsSection, paragraph, type RenderedReport, root, toGfm } from '@lab/report';
import type { InitializationRecord } from '../record';
import { comparisonSection } from './comparison-section';
import { conclusionsSection } from './conclusions';
import { initializationFigures } from './figures';
import { resultsSection, setupSection } from './sections';

/**
 * The report of `lab experiment initialization`: title, setup, results, cost curves, decision
 * boundaries, the comparison with the published numbers, conclusions, environment and timings
 * (the last inside the timing markers).
 * @param record - a validated initialization record
 * @returns the markdown and its figures (cost curves first, then one decision boundary per model with a grid)
 */
export async function renderInitializationReport(record: InitializationRecord): Promise<RenderedReport> {
  const labels = modelLabels(record.models);
  const { figures, sections } = await initializationFigures(record, labels);
  const tree = root([
    heading(1, 'Initialization experiment'),
    paragraph(
      `The same network trained from ${record.models.length === 1 ? 'one initialization' : `${record.models.length} initializations`} (${labels.join(', ')}) `,
      `with full-batch gradient descent for ${record.training.numIterations} iterations on ${record.dataset.name}.`,
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
