import type { DataShape } from './model-checks';
import type { DataSpecInput } from './schema/data-schema';

/** MNIST images are 28 × 28 pixels. */
const MNIST_FEATURES = 784;

/**
 * What a data spec fixes before anything is loaded: the features and classes of the built-in sets
 * and MNIST; nothing of a file's (its features and labels are checked when it is read).
 */
export function knownDataShape(data: DataSpecInput): DataShape | undefined {
  switch (data.kind) {
    case 'football':
    case 'moons':
    case 'circles':
    case 'planar-flower':
      return { features: 2, classes: 2, name: data.kind };
    case 'spiral':
      return { features: 2, classes: data.classes, name: `spiral (classes: ${data.classes})` };
    case 'blobs': {
      const classes = typeof data.centers === 'number' ? data.centers : data.centers.length;
      return { features: 2, classes, name: `blobs (${classes} centers)` };
    }
    case 'mnist':
      return { features: MNIST_FEATURES, classes: 10, name: 'mnist (digits 0 to 9)' };
    case 'mat':
    case 'csv':
      return undefined;
  }
}
