/** The widest layer a config may ask for: 100 000 units. */
export const MAX_LAYER_UNITS = 100_000;
/** The most linear layers (weight matrices) a config may ask for. */
export const MAX_LAYERS = 100;
/** The most entries a model's layer list may have: every linear layer with a normalization, an activation and a dropout. */
export const MAX_LAYER_ENTRIES = 4 * MAX_LAYERS;
/** The most trainable parameters (weights, biases, γ and β) a config may ask for: 20 million float64, 160 MB. */
export const MAX_PARAMETERS = 20_000_000;
/** The most optimizer steps a config may ask for (iterations, or epochs × batches per epoch). */
export const MAX_ITERATIONS = 100_000_000;
/** The most classes a model may have (output units under softmax cross-entropy). */
export const MAX_CLASSES = 10_000;
