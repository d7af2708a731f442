import { resolve } from 'node:path';
import { type DataSplit, footballField, isCourseShaped, loadFootball } from '@lab/datasets';
import type { DatasetInfo } from '@lab/run-record';

/** The data of the experiment and how the run record describes it. */
export interface RegularizationData {
  /** x (N, 2), y (N, 1) labels in {0, 1}. */
  readonly data: DataSplit;
  readonly dataset: Omit<DatasetInfo, 'trainSize' | 'testSize' | 'features'>;
  /** One line for stderr saying which data the run uses. */
  readonly note: string;
}

/**
 * The football data for `lab experiment regularization`: the MAT file given with `--data`
 * (X, y, Xval, yval; the course's file when its shapes are X (211, 2) and Xval (200, 2)),
 * or the built-in football-field set generated from `seed`.
 * @param dataPath - `--data` as typed, resolved against `cwd`; undefined for the built-in set
 * @throws DatasetError when the file is missing, unreadable or not a football MAT file
 */
export async function loadRegularizationData(dataPath: string | undefined, seed: number, cwd: string): Promise<RegularizationData> {
  if (dataPath === undefined) {
    return {
      data: footballField({ seed }),
      dataset: {
        name: 'football (built-in)',
        source: 'builtin',
        isCourseData: false,
        description: `built-in football-field set (seed ${seed}), the course file’s shape and range`,
      },
      note: `Data: the built-in football-field set (seed ${seed}); pass --data FILE.mat to use a MAT file such as the course's football.mat.`,
    };
  }
  const data = await loadFootball(resolve(cwd, dataPath));
  const isCourseData = isCourseShaped(data);
  const name = dataPath.split(/[\\/]/).pop() || dataPath;
  return {
    data,
    dataset: { name, source: 'file', path: dataPath, isCourseData, description: 'MAT file with X, y (train) and Xval, yval (test)' },
    note: isCourseData
      ? `Data: ${dataPath}, the course's football data (X 211×2, Xval 200×2): the report compares with the published results.`
      : `Data: ${dataPath} (X ${data.trainX.shape.join('×')}, Xval ${data.testX.shape.join('×')}): not the course's shapes, so no comparison with the published results.`,
  };
}
