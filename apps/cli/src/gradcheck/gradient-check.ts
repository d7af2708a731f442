import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';

/**
 * One gradient check: a kernel (or loss) on fixed random inputs, its analytic gradients
 * compared with `numericGradient`.
 */
export interface GradientCheck {
  /** e.g. `affine`, `batchnorm (backward alt)` */
  readonly name: string;
  /** Input name → shape, e.g. `{ x: [4, 5], w: [3, 5], b: [3] }`. */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** Gradient name → relative error (`relError`) of the analytic gradient against the numerical one. */
  run(): Readonly<Record<string, number>>;
}

/** The outcome of one {@link GradientCheck}. */
export interface GradientCheckResult {
  readonly name: string;
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** Gradient name → relative error. */
  readonly errors: Readonly<Record<string, number>>;
  /** Every error below the tolerance (a NaN error fails). */
  readonly passed: boolean;
}

/**
 * Runs gradient checks in order.
 * @param tolerance - the largest relative error that passes
 */
export function runGradientChecks(checks: readonly GradientCheck[], tolerance = GRADIENT_CHECK_TOLERANCE): GradientCheckResult[] {
  return checks.map((check) => {
    const errors = check.run();
    // `error < tolerance` is false for NaN: a NaN gradient never passes.
    const passed = Object.values(errors).every((error) => error < tolerance);
    return { name: check.name, shapes: check.shapes, errors, passed };
  });
}
