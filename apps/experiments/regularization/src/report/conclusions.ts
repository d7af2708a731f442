import { contourLength, decisionContour, formatExact, formatFixed, heading, paragraph, plotRangeFor, table } from '@lab/report';
import type { RootContent } from 'mdast';
import type { RegularizationModel, RegularizationRecord } from '../record';

/** Accuracy differences up to this count as a tie (one example of a few hundred is 0.0025 to 0.005). */
export const ACCURACY_TIE = 1e-9;

interface Named {
  readonly model: RegularizationModel;
  readonly label: string;
}

const percent = (x: number) => `${formatFixed(Math.abs(x) * 100, 0)} %`;
const signed = (x: number) => (x > 0 ? `+${formatFixed(x, 4)}` : formatFixed(x, 4));

/** The model trained without regularization (λ = 0, keep_prob = 1), the baseline of the lessons, if any. */
function baselineOf(models: readonly Named[]): Named | undefined {
  return models.find(({ model }) => model.lambd === 0 && model.keepProb === 1);
}

/** Train–test gap of each model, and which model generalizes best (highest test accuracy; ties: smallest gap). */
export function generalizationConclusion(models: readonly Named[]): string {
  const gap = (m: RegularizationModel) => m.trainAccuracy - m.testAccuracy;
  const gaps = models.map(({ model, label }) => `${label} ${signed(gap(model))}`).join(', ');
  const best = [...models].sort((a, b) => b.model.testAccuracy - a.model.testAccuracy || gap(a.model) - gap(b.model))[0];
  if (best === undefined) return 'No models.';
  let text = `Train–test gap (train accuracy − test accuracy): ${gaps}. `;
  text += `${best.label} generalizes best: the highest test accuracy (${formatFixed(best.model.testAccuracy, 4)})`;
  const smallest = Math.min(...models.map(({ model }) => Math.abs(gap(model))));
  text += Math.abs(gap(best.model)) <= smallest + ACCURACY_TIE ? ' and the smallest gap.' : '.';
  const baseline = baselineOf(models);
  if (baseline !== undefined && baseline !== best) {
    const regularized = models.filter((m) => m !== baseline);
    const better = regularized.filter(({ model }) => model.testAccuracy > baseline.model.testAccuracy + ACCURACY_TIE);
    text +=
      better.length === regularized.length
        ? ` Every regularized model does better on the test set than ${baseline.label} (${formatFixed(baseline.model.testAccuracy, 4)}), which fits the training set ${gap(baseline.model) > 0 ? 'more closely than the test set: it overfits' : 'no better than the test set'}.`
        : ` Not every regularized model beats ${baseline.label} on the test set (${formatFixed(baseline.model.testAccuracy, 4)}).`;
  } else if (baseline === best && models.length > 1) {
    text += ' Here regularization did not raise the test accuracy above the unregularized model’s.';
  }
  return text;
}

/** ‖W‖ over all layers: the square root of the sum of the squared layer norms. */
function totalNorm(norms: readonly number[]): number {
  return Math.sqrt(norms.reduce((sum, n) => sum + n * n, 0));
}

/** The weight norms per layer (a table) and what L2 and dropout did to them. */
export function weightNormsContent(models: readonly Named[]): RootContent[] {
  const withNorms = models.filter((m) => m.model.weightNorms !== undefined);
  if (withNorms.length === 0) return [paragraph('The record holds no weight norms (it was written before they were recorded).')];
  const layers = Math.max(...withNorms.map((m) => m.model.weightNorms?.length ?? 0));
  const rows = withNorms.map(({ model, label }) => {
    const norms = model.weightNorms ?? [];
    return [
      label,
      ...Array.from({ length: layers }, (_, l) => (norms[l] === undefined ? '' : formatFixed(norms[l], 3))),
      formatFixed(totalNorm(norms), 3),
    ];
  });
  const content: RootContent[] = [
    table(
      [
        { header: 'model' },
        ...Array.from({ length: layers }, (_, l) => ({ header: `‖W${l + 1}‖`, align: 'right' as const })),
        { header: '‖W‖ (all)', align: 'right' },
      ],
      rows,
    ),
  ];
  const baseline = baselineOf(withNorms);
  if (baseline === undefined) return content;
  const base = totalNorm(baseline.model.weightNorms ?? []);
  const sentences = withNorms
    .filter((m) => m !== baseline)
    .map(({ model, label }) => {
      const total = totalNorm(model.weightNorms ?? []);
      const change = (total - base) / base;
      const how = change < 0 ? `${percent(change)} smaller` : `${percent(change)} larger`;
      const why =
        model.lambd > 0
          ? change < 0
            ? `: the penalty (λ/2m)·Σ‖W‖² with λ = ${formatExact(model.lambd)} keeps the weights small, and small weights make a smoother function`
            : `, although the penalty with λ = ${formatExact(model.lambd)} pushes weights down`
          : '';
      return `${label}'s weights are ${how} than ${baseline.label}'s (‖W‖ ${formatFixed(total, 3)} against ${formatFixed(base, 3)})${why}.`;
    });
  return [paragraph('Weight norms after training (Frobenius norm of each layer’s W). ', sentences.join(' ')), ...content];
}

/** How long each model's decision boundary is inside the plotted window, against the unregularized model's. */
export function boundaryConclusion(record: RegularizationRecord, models: readonly Named[]): string | undefined {
  const range = plotRangeFor(record.trainPoints.x);
  const lengths = models.flatMap(({ model, label }) =>
    model.decisionGrid === undefined ? [] : [{ label, model, length: contourLength(decisionContour(model.decisionGrid, range)) }],
  );
  if (lengths.length === 0) return undefined;
  const baseline = lengths.find(({ model }) => model.lambd === 0 && model.keepProb === 1);
  const parts = lengths.map(({ label, length }) => {
    if (baseline === undefined || length === baseline.length || baseline.length === 0) return `${label} ${formatFixed(length, 2)}`;
    const change = (length - baseline.length) / baseline.length;
    return `${label} ${formatFixed(length, 2)} (${percent(change)} ${change < 0 ? 'shorter' : 'longer'})`;
  });
  return (
    `Length of the decision boundary (P(y = 1) = 0.5) inside the plotted window, in the data's units: ${parts.join(', ')}. ` +
    'A shorter boundary is a smoother one: fewer bends and pockets drawn around single training points.'
  );
}

/** What dropout does at test time, when a model uses it. */
export function dropoutConclusion(models: readonly Named[]): string | undefined {
  const dropout = models.filter(({ model }) => model.keepProb < 1);
  if (dropout.length === 0) return undefined;
  const which = dropout.map(({ model, label }) => `${label} (keep_prob ${formatExact(model.keepProb)})`).join(', ');
  return (
    `Dropout is used in training only: at each training step ${which} drops every hidden unit with probability 1 − keep_prob ` +
    'and scales the kept ones by 1/keep_prob (inverted dropout), so the expected activations are unchanged. ' +
    'The accuracies and the decision boundary above are those of the whole network in test mode, with no unit dropped.'
  );
}

/** The conclusions section of the regularization report: generalization, weight norms, boundary smoothness, dropout. */
export function conclusionsSection(record: RegularizationRecord, labels: readonly string[]): RootContent[] {
  const models = record.models.map((model, m) => ({ model, label: labels[m] ?? model.name }));
  const boundary = boundaryConclusion(record, models);
  const dropout = dropoutConclusion(models);
  return [
    heading(2, 'Conclusions'),
    paragraph(generalizationConclusion(models)),
    ...weightNormsContent(models),
    ...(boundary === undefined ? [] : [paragraph(boundary)]),
    ...(dropout === undefined ? [] : [paragraph(dropout)]),
  ];
}
