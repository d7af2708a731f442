import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parsePositiveInteger, parseSeed } from './option-parsers';

describe('option parsers', () => {
  it('accept plain integers in range', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(parsePositiveInteger('200')).toBe(200);
  });

  it.each(['-1', '4294967296', '3.5', 'x', '', '1e3'])('reject seed %j', (value) => {
    expect(() => parseSeed(value)).toThrow(InvalidArgumentError);
  });

  it.each(['0', '-5', '2.0', 'ten'])('reject count %j', (value) => {
    expect(() => parsePositiveInteger(value)).toThrow('expected an integer >= 1.');
  });
});
