const LAB_ERROR_BRAND = Symbol.for('@lab/error');

/**
 * Base class of every error that is the caller's mistake (bad shapes, bad config, wrong
 * order of calls). Branded, so {@link isLabError} works across the ESM and CJS copies.
 */
export class LabError extends Error {
  override name = 'LabError';
  readonly [LAB_ERROR_BRAND] = true;
}

/** Formats a shape NumPy-style: `(3, 4)`, `(5,)`, `()`. */
export function formatShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * Two or more operands whose shapes do not fit an op.
 * Message: `<op>: <operands with shapes>: <what differs, with the numbers>`.
 */
export class ShapeError extends LabError {
  override name = 'ShapeError';
  /** The op that rejected the shapes, e.g. `matmul`. */
  readonly op: string;
  /** The offending operands' shapes, in argument order. */
  readonly shapes: readonly (readonly number[])[];

  constructor(op: string, shapes: readonly (readonly number[])[], detail: string, joiner = ', ') {
    // Without operands (a wrong count of them), the message names the op and the detail only.
    super(shapes.length === 0 ? `${op}: ${detail}` : `${op}: ${shapes.map(formatShape).join(joiner)}: ${detail}`);
    this.op = op;
    this.shapes = shapes;
  }
}

/** A method called out of order, e.g. `Linear.backward: call forward first`. */
export class StateError extends LabError {
  override name = 'StateError';
}

/** A hyperparameter or option out of range, e.g. `Adam: learningRate must be > 0, got -1`. */
export class ConfigError extends LabError {
  override name = 'ConfigError';
}

/** True for any error that is the user's mistake rather than a bug in lab (checked by brand, not `instanceof`). */
export function isLabError(value: unknown): value is LabError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LAB_ERROR_BRAND] === true;
}
