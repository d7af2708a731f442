import type { BinaryRunRecord } from '@lab/run-record';
import type { RootContent } from 'mdast';
import { heading, image, paragraph } from '../markdown';
import { COST_CURVES_FILE } from './cost-curves-figure';
import { COURSE_RANGE, type PlotRange } from './decision-regions';
import { movingAverageHalfWidth } from './moving-average';

function windowText(range: PlotRange): string {
  const span = ([min, max]: readonly [number, number]) => `from ${min.toFixed(2)} to ${max.toFixed(2)}`;
  const course = range === COURSE_RANGE ? "the course's window: " : 'window widened to fit every point: ';
  return `${course}x₁ ${span(range.x)}, x₂ ${span(range.y)}`;
}

/**
 * The figure sections: the cost curves of all models, then one decision-boundary
 * figure per model (or a sentence when the model has no decision grid). The text speaks of
 * "the model" when the record has only one.
 * @param range - the plot window of the decision-boundary figures
 * @param fileNames - the decision-boundary file of each model, `undefined` when it has none
 * @param miniBatch - the record's one model trained on mini-batches: its cost figure is `trainingCurvesSpec`'s
 */
export function figuresSection(
  record: BinaryRunRecord,
  labels: readonly string[],
  fileNames: readonly (string | undefined)[],
  range: PlotRange,
  miniBatch = false,
): RootContent[] {
  const one = record.models.length === 1;
  const model = record.models[0];
  const nodes: RootContent[] = [
    heading(2, 'Cost curves'),
    ...(miniBatch && model !== undefined ? [paragraph(miniBatchText(model))] : []),
    paragraph(image(COST_CURVES_FILE, one ? 'Cost against iteration' : 'Cost against iteration for every model')),
    heading(2, 'Decision boundaries'),
    paragraph(`Predicted regions of ${one ? 'the' : 'each'} model with the training points on top (${windowText(range)}).`),
  ];
  record.models.forEach((model, m) => {
    const label = labels[m] ?? model.name;
    const fileName = fileNames[m];
    nodes.push(heading(3, label));
    nodes.push(
      paragraph(
        fileName === undefined ? 'No decision grid was recorded for this model.' : image(fileName, `Decision boundary of ${label}`),
      ),
    );
  });
  return nodes;
}

/** What the cost figure of a mini-batch run draws, and how the smoothing is done. */
function miniBatchText(model: BinaryRunRecord['models'][number]): string {
  const window = 2 * movingAverageHalfWidth(model.costs.length) + 1;
  const test =
    model.testCurve === undefined || model.testCurve.length === 0
      ? 'The record holds no test curve.'
      : `Dashed, in another colour: the test set's cost (the loss alone, without the L2 term) and accuracy in test mode, at ${model.testCurve.length} points, the last after training.`;
  return (
    `Each recorded cost is that of one mini-batch, so the curve is noisy: it is drawn faintly, with its centred moving average ` +
    `over ${window} points (cut at the ends) on top. ${test}`
  );
}
