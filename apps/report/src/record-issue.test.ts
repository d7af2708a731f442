import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath } from './record-issue';

describe('formatIssue', () => {
  it('writes paths as JavaScript accessors', () => {
    expect(formatPath(['models', 1, 'trainAccuracy'])).toBe('models[1].trainAccuracy');
    expect(formatPath(['environment', 'packages', '@lab/tensor'])).toBe('environment.packages["@lab/tensor"]');
    expect(formatPath([])).toBe('(root)');
  });

  it("drops zod's prefix and calls undefined missing", () => {
    expect(formatIssue({ path: ['seed'], message: 'Invalid input: expected number, received undefined' })).toBe(
      'seed: missing (expected number)',
    );
    expect(formatIssue({ path: ['training', 'dropoutMasks'], message: 'Invalid option: expected one of "fresh"|"course"' })).toBe(
      'training.dropoutMasks: expected one of "fresh"|"course"',
    );
  });
});
