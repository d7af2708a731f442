/**
 * The defaults of `lab experiment initialization` that the CLI needs to describe its options:
 * a module without imports, so that `lab --help` loads nothing else of the experiment.
 */

/** The course's gradient-descent iterations per model. */
export const COURSE_ITERATIONS = 15000;

/** The course's learning rate. */
export const COURSE_LEARNING_RATE = 0.01;

/** The course prints (and records) the cost every 1000 iterations. */
export const COURSE_COST_EVERY = 1000;

/** `np.random.seed(3)` before drawing the random and He weights (the zeros draw nothing). */
export const COURSE_INIT_SEED = 3;

/** The default output directory, relative to the working directory. */
export const INITIALIZATION_OUT_DIR = 'out/initialization';
