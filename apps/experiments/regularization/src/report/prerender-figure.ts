import { modelBoundarySpec, prerenderFigure } from '@lab/report';
import type { RegularizationModel, RegularizationRecord } from '../record';

/**
 * Draws one trained model's decision-boundary figure ahead of the report (see `prerenderFigure` of
 * `@lab/report`), e.g. while the other models still train on worker threads: the report then takes
 * this drawing. Labelled with the model's name, as the report labels models whose names differ.
 * @param recorded - the record's data set and training points (see `recordedData`)
 * @returns when it is drawn (never rejects: a failure shows when the report draws the figure)
 */
export async function prerenderModelFigure(
  recorded: Pick<RegularizationRecord, 'dataset' | 'trainPoints'>,
  model: RegularizationModel,
): Promise<void> {
  const spec = modelBoundarySpec(recorded, model, model.name);
  if (spec !== undefined) await prerenderFigure(spec);
}
