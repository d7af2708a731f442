/**
 * The defaults of `lab experiment optimization` that the CLI needs to describe its options:
 * a module without imports, so that `lab --help` loads nothing else of the experiment.
 */

/** The course's epochs per model (passes over the 300 points). */
export const COURSE_EPOCHS = 10000;

/** The course's learning rate, for all three optimizers. */
export const COURSE_LEARNING_RATE = 0.0007;

/** The course's mini-batch size: 300 points make four batches of 64 and one of 44. */
export const COURSE_BATCH_SIZE = 64;

/** The course's `seed = 10` before the loop, then `seed = seed + 1` and `random_mini_batches(…, seed)` every epoch. */
export const COURSE_EPOCH_SEED_BASE = 10;

/** The course prints the cost every 1000 epochs. */
export const COURSE_COST_EVERY_EPOCHS = 1000;

/** `np.random.seed(3)` in `initialize_parameters`. */
export const COURSE_INIT_SEED = 3;

/** The default output directory, relative to the working directory. */
export const OPTIMIZATION_OUT_DIR = 'out/optimization';
