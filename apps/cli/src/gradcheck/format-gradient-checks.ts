import { formatShape } from '@lab/tensor';
import { formatTextTable } from '../output/text-table';
import type { GradientCheckResult } from './gradient-check';

/**
 * The gradient-check results as a terminal table, one row per kernel or loss:
 * `affine  x (4, 5), w (3, 5), b (3,)  dx 2.1e-10, dw 5.3e-11, db 7.5e-12  pass`.
 */
export function formatGradientChecks(results: readonly GradientCheckResult[]): string {
  return formatTextTable(
    [
      { header: 'kernel', align: 'left' },
      { header: 'shapes', align: 'left' },
      { header: 'relative errors', align: 'left' },
      { header: 'result', align: 'left' },
    ],
    results.map((result) => [
      result.name,
      Object.entries(result.shapes)
        .map(([name, shape]) => `${name} ${formatShape(shape)}`)
        .join(', '),
      Object.entries(result.errors)
        .map(([name, error]) => `${name} ${error.toExponential(1)}`)
        .join(', '),
      result.passed ? 'pass' : 'FAIL',
    ]),
  );
}
