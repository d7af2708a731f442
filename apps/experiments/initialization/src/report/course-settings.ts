import { COURSE_INIT_SEED, COURSE_ITERATIONS, COURSE_LEARNING_RATE } from '../defaults';
import { COURSE_CIRCLES } from '../load-data';
import { COURSE_LAYER_SIZES } from '../plan';
import type { InitializationRecord } from '../record';

/**
 * Where a run's settings differ from the course's, one phrase each (`iterations: 15000 in the
 * course, 300 here`), split by what they change: the starting point (data, network, seed: every
 * published number) or only the training (iterations, learning rate: everything but the cost at
 * iteration 0). Both empty for the course's settings.
 */
export interface CourseDifferences {
  readonly start: readonly string[];
  readonly training: readonly string[];
}

export function differencesFromCourse(record: InitializationRecord): CourseDifferences {
  const phrase = (what: string, course: string | number, ours: string | number) =>
    String(course) === String(ours) ? [] : [`${what} ${course} in the course, ${ours} here`];
  const sameData = record.dataset.isCourseData && JSON.stringify(record.circles) === JSON.stringify(COURSE_CIRCLES);
  return {
    start: [
      ...(sameData ? [] : ["the data are not the course's make_circles calls"]),
      ...phrase('layer sizes', `[${COURSE_LAYER_SIZES.join(', ')}]`, `[${record.architecture.layerSizes.join(', ')}]`),
      ...phrase('seed', COURSE_INIT_SEED, record.seed),
    ],
    training: [
      ...phrase('iterations', COURSE_ITERATIONS, record.training.numIterations),
      ...phrase('learning rate', COURSE_LEARNING_RATE, record.training.learningRate),
    ],
  };
}
