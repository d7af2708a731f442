/** Named tolerances for the trainer's tests (STYLE §9). */

/** Analytic vs centered-difference gradients (relative error). */
export const GRADIENT_CHECK = 1e-7;
/** Two float64 computations of the same formula in a different order. */
export const SAME_FORMULA = 1e-12;
/** The course's reference values printed by NumPy, e.g. dropout's A3. */
export const COURSE_REFERENCE = 1e-12;
