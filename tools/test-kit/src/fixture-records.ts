import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One fixture record: its file name and the parsed JSON. */
export interface FixtureRecord {
  /** e.g. `v1-batchnorm.json` */
  readonly file: string;
  readonly version: number;
  readonly kind: string;
  readonly value: unknown;
}

const DIRECTORY = new URL('../fixtures/records/', import.meta.url);

/** Every run record in `fixtures/records` (lab's records of every version and kind, see its README), by file name. */
export function fixtureRecords(): FixtureRecord[] {
  return readdirSync(fileURLToPath(DIRECTORY))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const value = JSON.parse(readFileSync(new URL(file, DIRECTORY), 'utf8')) as { schemaVersion: number; kind: string };
      return { file, version: value.schemaVersion, kind: value.kind, value };
    });
}
