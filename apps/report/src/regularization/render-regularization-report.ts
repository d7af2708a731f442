import type { RegularizationRecord } from '@lab/trainer';
import { environmentSection } from '../internal/environment-section';
import { heading, paragraph, root, toGfm } from '../internal/markdown';
import { renderVegaLite } from '../internal/render-vega-lite';
import { timingsSection } from '../internal/timings-section';
import type { Figure, RenderedReport } from '../rendered-report';
import { comparisonSection } from './comparison-section';
import { COST_CURVES_FILE, costCurvesSpec } from './cost-curves-figure';
import { decisionBoundarySpec } from './decision-boundary-figure';
import { plotRangeFor } from './decision-regions';
import { figuresSection } from './figures-section';
import { decisionBoundaryFileNames, modelLabels } from './model-labels';
import { resultsSection } from './results-section';
import { setupSection } from './setup-section';

/**
 * The report of `lab experiment regularization`: title, setup, results, cost curves,
 * decision boundaries, the comparison with the published numbers, environment and
 * timings (the last inside the timing markers).
 * @param record - a validated regularization record
 * @returns the markdown and its figures (cost curves first, then one decision boundary per model with a grid)
 */
export async function renderRegularizationReport(record: RegularizationRecord): Promise<RenderedReport> {
  const labels = modelLabels(record.models);
  const range = plotRangeFor(record.trainPoints.x);
  const names = decisionBoundaryFileNames(labels);
  const fileNames = record.models.map((model, m) => (model.decisionGrid === undefined ? undefined : names[m]));

  const figures: Figure[] = [{ fileName: COST_CURVES_FILE, svg: await renderVegaLite(costCurvesSpec(record.models, labels)) }];
  for (const [m, model] of record.models.entries()) {
    const fileName = fileNames[m];
    if (model.decisionGrid === undefined || fileName === undefined) continue;
    const spec = decisionBoundarySpec({
      model,
      label: labels[m] ?? model.name,
      grid: model.decisionGrid,
      points: record.trainPoints,
      range,
    });
    figures.push({ fileName, svg: await renderVegaLite(spec) });
  }

  const tree = root([
    heading(1, 'Regularization experiment'),
    paragraph(
      `${record.models.length === 1 ? 'One model' : `${record.models.length} models`} (${labels.join(', ')}) of the same network, `,
      `trained with ${record.training.optimizer} for ${record.training.numIterations} iterations on ${record.dataset.name}.`,
    ),
    ...setupSection(record),
    ...resultsSection(record.models, labels),
    ...figuresSection(record, labels, fileNames, range),
    ...comparisonSection(record, labels),
    ...environmentSection(record.environment, record.seed),
    ...timingsSection({
      rows: record.models.map((model, m) => ({ label: labels[m] ?? model.name, seconds: model.seconds })),
      totalSeconds: record.totalSeconds,
      createdAt: record.createdAt,
    }),
  ]);
  return { markdown: toGfm(tree), figures };
}
