import { describe, expect, it } from 'vitest';
import { decisionBoundaryFileNames, slug } from './model-labels';

describe('slug and decisionBoundaryFileNames', () => {
  it('makes portable file names', () => {
    expect(slug('no regularization')).toBe('no-regularization');
    expect(slug('L2, λ = 0.7')).toBe('l2-0-7');
    expect(slug('λ')).toBe('model');
    expect(slug(`${'long name '.repeat(40)}end`)).toBe('long-name-'.repeat(8).slice(0, 79));
  });

  it('keeps file names unique when slugs collide', () => {
    expect(decisionBoundaryFileNames(['L2', 'l2', 'L2!'])).toEqual([
      'decision-boundary-l2.svg',
      'decision-boundary-l2-2.svg',
      'decision-boundary-l2-3.svg',
    ]);
  });
});
