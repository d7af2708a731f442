import { describe, expect, it } from 'vitest';
import { maskTimings, TIMINGS_END, TIMINGS_START } from './timings';

describe('maskTimings', () => {
  it('masks what lies between the markers and keeps the rest', () => {
    const markdown = `a\n${TIMINGS_START}\n1.23 s\n${TIMINGS_END}\nb\n${TIMINGS_START}\n4 s\n${TIMINGS_END}\n`;
    expect(maskTimings(markdown)).toBe(`a\n${TIMINGS_START}\n…\n${TIMINGS_END}\nb\n${TIMINGS_START}\n…\n${TIMINGS_END}\n`);
  });

  it('leaves a report without (or with an unclosed) section unchanged', () => {
    expect(maskTimings('no timings\n')).toBe('no timings\n');
    expect(maskTimings(`x\n${TIMINGS_START}\n1 s\n`)).toBe(`x\n${TIMINGS_START}\n1 s\n`);
  });
});
