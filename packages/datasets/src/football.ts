import { formatShape, type Tensor } from '@lab/tensor';
import { checkLabeledData } from './check-labeled-data';
import type { DataSplit } from './data-split';
import { DatasetError } from './dataset-error';
import { parseMat } from './parse-mat';
import { readMatFile } from './read-mat-file';

/** A binary-classification split: features `(N, 2)`, labels `(N, 1)` in {0, 1}. */
export interface FootballSplit extends DataSplit {
  /** (211, 2) training points (for the course's file). */
  readonly trainX: Tensor;
  /** (211, 1) training labels, 1 where the own team wins the header. */
  readonly trainY: Tensor;
  /** (200, 2) test points (for the course's file). */
  readonly testX: Tensor;
  /** (200, 1) test labels. */
  readonly testY: Tensor;
}

/** Where {@link loadFootball} looks without a path or `LAB_FOOTBALL_MAT`: the course data beside the repository. */
export const DEFAULT_FOOTBALL_PATH = '../shared/data/football.mat';

const FOOTBALL_VARIABLES = [
  ['X', 'trainX', 2],
  ['y', 'trainY', 1],
  ['Xval', 'testX', 2],
  ['yval', 'testY', 1],
] as const;

/**
 * Node only: loads the course's football data set (the regularization lesson) from its
 * MAT-file: `X`/`y` become the training split, `Xval`/`yval` the test split.
 * @param path - the MAT-file; default `process.env.LAB_FOOTBALL_MAT`, else {@link DEFAULT_FOOTBALL_PATH} (relative to the working directory)
 * @returns trainX (211, 2), trainY (211, 1), testX (200, 2), testY (200, 1) for the course's file
 * @throws DatasetError when the file is missing, unreadable or not a regular file, a variable is missing, a shape is
 *   wrong, a split has no rows, a value is NaN or ±Infinity, or a label is not 0 or 1 (see {@link checkLabeledData});
 *   for a missing file the message says where the path came from (the argument, `LAB_FOOTBALL_MAT` or the default)
 */
export async function loadFootball(path?: string): Promise<FootballSplit> {
  const source = footballPathSource(path);
  const variables = await readMatFile(source.path).catch((error: unknown) => {
    // readMatFile's message for a missing file; any other failure keeps its own message.
    if (error instanceof DatasetError && error.message === `${source.path}: the file does not exist`) {
      throw new DatasetError(missingFootballMessage(source));
    }
    throw error;
  });
  return footballFromVariables(variables, source.path);
}

/**
 * The same as {@link loadFootball} for bytes already in memory (works in browsers).
 * @param bytes - the MAT-file's contents
 * @param fileName - names the file in error messages
 * @throws DatasetError as {@link loadFootball} does
 */
export function parseFootball(bytes: Uint8Array, fileName = '<bytes>'): FootballSplit {
  return footballFromVariables(parseMat(bytes, fileName), fileName);
}

function footballFromVariables(variables: ReadonlyMap<string, Tensor>, fileName: string): FootballSplit {
  const split: Record<string, Tensor> = {};
  for (const [name, field, cols] of FOOTBALL_VARIABLES) {
    const value = variables.get(name);
    if (value === undefined) {
      const found = [...variables.keys()].map((k) => `'${k}'`).join(', ') || 'none';
      throw new DatasetError(`${fileName}: variable '${name}' is missing (found ${found})`);
    }
    if (value.shape.length !== 2 || value.shape[1] !== cols) {
      throw new DatasetError(`${fileName}: variable '${name}' has shape ${formatShape(value.shape)}, expected (N, ${cols})`);
    }
    split[field] = value;
  }
  checkLabeledData(fileName, [
    { x: split.trainX, y: split.trainY, xName: "variable 'X'", yName: "variable 'y'" },
    { x: split.testX, y: split.testY, xName: "variable 'Xval'", yName: "variable 'yval'" },
  ]);
  return { trainX: split.trainX, trainY: split.trainY, testX: split.testX, testY: split.testY };
}

/** Where {@link loadFootball}'s path came from: the caller, `LAB_FOOTBALL_MAT`, or {@link DEFAULT_FOOTBALL_PATH}. */
interface FootballPathSource {
  readonly path: string;
  readonly from: 'argument' | 'env' | 'default';
}

function footballPathSource(path: string | undefined): FootballPathSource {
  if (path !== undefined) return { path, from: 'argument' };
  // An empty LAB_FOOTBALL_MAT counts as unset.
  const fromEnv = typeof process === 'undefined' ? undefined : process.env.LAB_FOOTBALL_MAT;
  return fromEnv ? { path: fromEnv, from: 'env' } : { path: DEFAULT_FOOTBALL_PATH, from: 'default' };
}

/**
 * One line for a football.mat that does not exist. Only a path the caller did not give gets a hint
 * about `LAB_FOOTBALL_MAT`: a caller that passed a path (e.g. the CLI's `--data`) may not read it at all.
 */
function missingFootballMessage({ path, from }: FootballPathSource): string {
  switch (from) {
    case 'argument':
      return `${path}: the file does not exist`;
    case 'env':
      return `LAB_FOOTBALL_MAT points to ${path}, which does not exist: set it to the path of football.mat`;
    case 'default':
      return `no path given and the default ${path} (relative to the working directory) does not exist: pass the path of football.mat or set LAB_FOOTBALL_MAT`;
  }
}
