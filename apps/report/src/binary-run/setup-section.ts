import type { BinaryRunRecord } from '@lab/trainer';
import type { RootContent } from 'mdast';
import { formatExact } from '../format-number';
import { type Cell, code, heading, type Inline, table } from '../markdown';

/** `LINEAR(2→20) → RELU → LINEAR(20→3) → RELU → LINEAR(3→1) → SIGMOID`, the course's notation. */
export function architectureText(layerSizes: readonly number[], activations: readonly string[]): string {
  const parts: string[] = [];
  for (let l = 0; l + 1 < layerSizes.length; l++) {
    parts.push(`LINEAR(${layerSizes[l]}→${layerSizes[l + 1]})`);
    const activation = activations[l];
    if (activation !== undefined) parts.push(activation.toUpperCase());
  }
  return parts.join(' → ');
}

const DROPOUT_MASKS: Record<BinaryRunRecord['training']['dropoutMasks'], string> = {
  fresh: 'fresh masks at every step',
  course: "the course's reference draw: rand(units, examples), reseeded with 1 at every forward pass (the same masks at every iteration)",
};

/** The setup section: data set, architecture, hyperparameters, seed and dropout mask mode. */
export function setupSection(record: BinaryRunRecord): RootContent[] {
  const { dataset, architecture, training } = record;
  const source: Inline = dataset.source === 'file' ? code(dataset.path ?? dataset.name) : 'built-in generator';
  const rows: Cell[][] = [
    ['data set', `${dataset.name}: ${dataset.description}`],
    ['source', source],
    ['course data', dataset.isCourseData ? "yes (byte-identical to the course's file)" : 'no'],
    ['examples', `${dataset.trainSize} train, ${dataset.testSize} test, ${dataset.features} features`],
    ['architecture', architectureText(architecture.layerSizes, architecture.activations)],
    ['initialization', architecture.initialization],
    ['optimizer', training.optimizer],
    ['learning rate', formatExact(training.learningRate)],
    ['iterations', String(training.numIterations)],
    ['cost recorded every', `${training.costEvery} iterations`],
    ['seed', String(record.seed)],
    ['dropout masks', [code(training.dropoutMasks), `: ${DROPOUT_MASKS[training.dropoutMasks]}`]],
  ];
  return [heading(2, 'Setup'), table([{ header: 'setting' }, { header: 'value' }], rows)];
}
