import { LabError } from '@lab/tensor';

/**
 * Data that cannot be read: a file that is missing, corrupt, truncated or of a kind the
 * reader does not support, or a cell that is not a number. The message says what and
 * where, on one line: `football.mat: element 3 ('Xval'): sparse arrays are not supported`.
 * A {@link LabError}, so `isLabError(e)` is true and the CLI prints the line without a stack.
 */
export class DatasetError extends LabError {
  override name = 'DatasetError';
}
