import { formatFixed, heading, paragraph } from '@lab/report';
import { fromRecordedCost } from '@lab/run-record';
import type { RootContent } from 'mdast';
import type { OptimizationModel, OptimizationRecord } from '../record';
import { printedCost } from './comparison';

interface Labelled {
  readonly model: OptimizationModel;
  readonly label: string;
}

function costAt(model: OptimizationModel, k: number): { epoch: number; cost: number } | undefined {
  const point = model.costs[k];
  return point === undefined ? undefined : { epoch: point.epoch, cost: fromRecordedCost(point.cost) };
}

/** One model's cost from the first to the last recorded epoch, and its accuracy. */
function progressSentence({ model, label }: Labelled): string {
  const first = costAt(model, 0);
  const last = costAt(model, model.costs.length - 1);
  const accuracy = `train accuracy ${formatFixed(model.trainAccuracy, 4)}`;
  if (first === undefined || last === undefined) return `${label}: no cost was recorded; ${accuracy}.`;
  return `${label}: the last mini-batch's cost goes from ${printedCost(first.cost)} after epoch ${first.epoch} to ${printedCost(last.cost)} after epoch ${last.epoch}; ${accuracy}.`;
}

/** How a model compares with plain gradient descent, when the record has both. */
function versusGradientDescent(entry: Labelled, gd: Labelled): string | undefined {
  if (entry === gd) return undefined;
  const difference = entry.model.trainAccuracy - gd.model.trainAccuracy;
  const early = costAt(entry.model, 1);
  const gdEarly = costAt(gd.model, 1);
  const pace =
    early !== undefined && gdEarly !== undefined && early.epoch === gdEarly.epoch
      ? ` After epoch ${early.epoch} its last mini-batch’s cost is ${printedCost(early.cost)}, against ${printedCost(gdEarly.cost)} for ${gd.label}.`
      : '';
  if (difference === 0) {
    const why =
      entry.model.optimizer.kind === 'momentum'
        ? ` Its velocity is a moving average of the gradients (β = ${entry.model.optimizer.beta}), so with a learning rate this small its steps follow gradient descent’s: momentum's benefit does not show here.`
        : '';
    return `${entry.label} ends at the same train accuracy as ${gd.label} (${formatFixed(gd.model.trainAccuracy, 4)}).${pace}${why}`;
  }
  const direction = difference > 0 ? 'above' : 'below';
  const why =
    entry.model.optimizer.kind === 'adam' && difference > 0
      ? ' Its step lr·v̂/(√ŝ + ε) is about lr per parameter whatever the gradient’s scale, so it travels much farther than gradient descent at this learning rate.'
      : '';
  return `${entry.label} ends ${formatFixed(Math.abs(difference) * 100, 1)} points ${direction} ${gd.label} (train accuracy ${formatFixed(entry.model.trainAccuracy, 4)} against ${formatFixed(gd.model.trainAccuracy, 4)}).${pace}${why}`;
}

/** The largest rise between two recorded costs of one model: single mini-batches are noisy. */
function noiseSentence(entries: readonly Labelled[]): string | undefined {
  let worst: { label: string; from: { epoch: number; cost: number }; to: { epoch: number; cost: number } } | undefined;
  for (const { model, label } of entries) {
    for (let k = 1; k < model.costs.length; k++) {
      const from = costAt(model, k - 1);
      const to = costAt(model, k);
      if (from === undefined || to === undefined || !(to.cost > from.cost)) continue;
      if (worst === undefined || to.cost - from.cost > worst.to.cost - worst.from.cost) worst = { label, from, to };
    }
  }
  if (worst === undefined) return undefined;
  return `The recorded costs are those of single mini-batches (the last one holds the remaining examples), so they do not fall steadily: ${worst.label}'s rises from ${printedCost(worst.from.cost)} after epoch ${worst.from.epoch} to ${printedCost(worst.to.cost)} after epoch ${worst.to.epoch}.`;
}

/** The conclusions section: each model's progress, each against gradient descent, the noise of mini-batch costs, the ranking. */
export function conclusionsSection(record: OptimizationRecord, labels: readonly string[]): RootContent[] {
  const entries = record.models.map((model, m) => ({ model, label: labels[m] ?? model.name }));
  const gd = entries.find((e) => e.model.optimizer.kind === 'gd');
  const comparisons = gd === undefined ? [] : entries.map((e) => versusGradientDescent(e, gd)).filter((s): s is string => s !== undefined);
  const ranked = [...entries].sort((a, b) => b.model.trainAccuracy - a.model.trainAccuracy);
  const best = ranked[0];
  const noise = noiseSentence(entries);
  return [
    heading(2, 'Conclusions'),
    ...entries.map((entry) => paragraph(progressSentence(entry))),
    ...comparisons.map((text) => paragraph(text)),
    ...(noise === undefined ? [] : [paragraph(noise)]),
    ...(best === undefined
      ? []
      : [
          paragraph(
            `Highest train accuracy: ${best.label} (${formatFixed(best.model.trainAccuracy, 4)})` +
              (ranked.length > 1
                ? `, then ${ranked
                    .slice(1)
                    .map((e) => `${e.label} (${formatFixed(e.model.trainAccuracy, 4)})`)
                    .join(', ')}.`
                : '.'),
          ),
        ]),
  ];
}
