import { COURSE_BATCH_SIZE, COURSE_EPOCH_SEED_BASE, COURSE_EPOCHS, COURSE_INIT_SEED, COURSE_LEARNING_RATE } from '../defaults';
import { COURSE_MOONS } from '../load-data';
import { COURSE_LAYER_SIZES, COURSE_OPTIMIZERS } from '../plan';
import type { OptimizationModel, OptimizationRecord } from '../record';

/**
 * Where a run's settings differ from the course's, one phrase each (`epochs 10000 in the course,
 * 300 here`), split by what they change: everything up to the cost after epoch 0 (data, network,
 * seed, learning rate, batch size, data order, the optimizer's hyperparameters) or only where
 * training ends (the number of epochs: the train accuracy). Both empty for the course's settings.
 */
export interface CourseDifferences {
  readonly firstEpoch: readonly string[];
  readonly training: readonly string[];
}

const phrase = (what: string, course: string | number, ours: string | number) =>
  String(course) === String(ours) ? [] : [`${what} ${course} in the course, ${ours} here`];

const settingsText = (settings: OptimizationModel['optimizer']) =>
  Object.entries(settings)
    .filter(([key]) => key !== 'kind')
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');

export function differencesFromCourse(record: OptimizationRecord, model: OptimizationModel): CourseDifferences {
  const sameData = record.dataset.isCourseData && JSON.stringify(record.moons) === JSON.stringify(COURSE_MOONS);
  const course = COURSE_OPTIMIZERS.find((spec) => spec.name === model.name);
  return {
    firstEpoch: [
      ...(sameData ? [] : ["the data are not the course's make_moons call"]),
      ...phrase('layer sizes', `[${COURSE_LAYER_SIZES.join(', ')}]`, `[${record.architecture.layerSizes.join(', ')}]`),
      ...phrase('seed', COURSE_INIT_SEED, record.seed),
      ...phrase('learning rate', COURSE_LEARNING_RATE, record.training.learningRate),
      ...phrase('batch size', COURSE_BATCH_SIZE, record.training.batchSize),
      ...phrase('epoch seed base', COURSE_EPOCH_SEED_BASE, record.training.epochSeedBase),
      ...(course === undefined ? [] : phrase(`${model.name}'s`, settingsText(course.optimizer), settingsText(model.optimizer))),
    ],
    training: phrase('epochs', COURSE_EPOCHS, record.training.epochs),
  };
}
