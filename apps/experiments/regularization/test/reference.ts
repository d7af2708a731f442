import { readFileSync } from 'node:fs';

/** Reads a reference vector file from test/fixtures (where they come from: test/fixtures/README.md). */
export function readReference<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
