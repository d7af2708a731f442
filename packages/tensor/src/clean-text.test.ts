import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text';

describe('cleanText', () => {
  it('escapes every control character visibly, and leaves printable text alone', () => {
    expect(cleanText('run\u001b[31m red\u001b[0m')).toBe('run\\u001b[31m red\\u001b[0m');
    expect(cleanText('a\nb\tc\rd\u0000e\u007ff\u009bg')).toBe('a\\nb\\tc\\rd\\u0000e\\u007ff\\u009bg');
    expect(cleanText('admin\u202e\u2066txt.exe\u2028x')).toBe('admin\\u202e\\u2066txt.exe\\u2028x');
    const printable = 'λ = 0.7, keep_prob ≤ 1 — Überblick 模型 "quoted" <svg> & | * _ ` \\';
    expect(cleanText(printable)).toBe(printable);
  });

  it('keeps the characters it is told to keep', () => {
    expect(cleanText('line 1\nline 2\t\u001b', { keep: '\n\t' })).toBe('line 1\nline 2\t\\u001b');
  });

  it('leaves JSON text valid and meaning the same', () => {
    const value = { name: 'a\u0085b\u2028c\u202ed\u007f', n: 1 };
    const cleaned = cleanText(JSON.stringify(value));
    expect(cleaned).not.toMatch(/[\u007f-\u009f\u2028\u202e]/u);
    expect(JSON.parse(cleaned)).toEqual(value);
  });

  it('leaves no control character behind, for every code unit below U+00A0 and the Unicode format controls', () => {
    const all =
      Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('') +
      '\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const cleaned = cleanText(all);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(cleaned).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u);
    expect(cleanText(cleaned)).toBe(cleaned);
  });
});
