import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.2, '1s'],
    [42, '42s'],
    [185, '3m05s'],
    [3720, '1h02m'],
    [Number.NaN, '?'],
    [Number.POSITIVE_INFINITY, '?'],
  ])('%f s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
