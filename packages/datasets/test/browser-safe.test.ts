import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url);

describe('browser safety', () => {
  it('no source file imports a node: module at the top level (readMatFile imports node:fs/promises when called)', () => {
    const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(new URL(file, SRC), 'utf8');
      expect(text, file).not.toMatch(/^import [^;]*from '(node:)?(fs|path|zlib|url|os|buffer)(\/[a-z]+)?';/m);
      expect(text, file).not.toMatch(/\bBuffer\b|\brequire\(/);
    }
  });
});
