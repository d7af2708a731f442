import { FOOTBALL_FIELD } from '@lab/datasets';
import { binaryCrossEntropy, softmaxCrossEntropy } from '@lab/layers';
import type { DecisionGrid } from '@lab/run-record';
import { argmax, Tensor } from '@lab/tensor';
import { type PlaneBounds, predictGrid } from '../decision-grid';
import { binaryAccuracy, multiclassAccuracy } from '../metrics';
import type { NetworkModel } from './build-model';
import type { LossKind } from './schema/model-schema';

/** A split's accuracy and data loss (no L2 term), in test mode. */
export interface SplitScore {
  readonly accuracy: number;
  readonly cost: number;
}

/**
 * Scores a model on one split in test mode: accuracy (P(y = 1) > 0.5, or the highest score is the
 * label) and the loss's data term.
 * @param x - (N, D)
 * @param y - (N, 1) labels 0/1 for binary cross-entropy, (N,) class indices for softmax
 */
export function scoreSplit(model: NetworkModel, loss: LossKind, x: Tensor, y: Tensor): SplitScore {
  const out = model.predict(x);
  if (loss === 'binary-cross-entropy') return { accuracy: binaryAccuracy(out, y), cost: binaryCrossEntropy(out, y).loss };
  return { accuracy: multiclassAccuracy(out, y), cost: softmaxCrossEntropy(out, y).loss };
}

/** The grid's side: 60 × 60 nodes. */
const GRID_SIZE = 60;

/**
 * The model's decision over the plane, for two-feature data: P(y = 1) at each node for a binary
 * model, the predicted class (with `classes`) for a multi-class one. The grid spans the football
 * field for football data, the training points' extent padded by 10 % otherwise.
 * @param x - (N, 2) training points
 */
export function decisionGridOf(model: NetworkModel, loss: LossKind, x: Tensor, football: boolean): DecisionGrid {
  const bounds = football ? FOOTBALL_FIELD : paddedExtent(x);
  if (loss === 'binary-cross-entropy') return predictGrid({ predictProba: (points) => model.predict(points) }, bounds, GRID_SIZE);
  let classes = 0;
  const grid = predictGrid(
    {
      predictProba: (points) => {
        const scores = model.predict(points);
        classes = scores.shape[1];
        const predicted = argmax(scores, { axis: 1 });
        return new Tensor(predicted.data, [predicted.size, 1]);
      },
    },
    bounds,
    GRID_SIZE,
  );
  return { ...grid, classes };
}

function paddedExtent(x: Tensor): PlaneBounds {
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.shape[0]; i++) {
    xMin = Math.min(xMin, x.data[2 * i]);
    xMax = Math.max(xMax, x.data[2 * i]);
    yMin = Math.min(yMin, x.data[2 * i + 1]);
    yMax = Math.max(yMax, x.data[2 * i + 1]);
  }
  const padX = 0.1 * (xMax - xMin || 1);
  const padY = 0.1 * (yMax - yMin || 1);
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}
