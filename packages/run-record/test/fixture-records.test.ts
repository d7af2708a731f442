import { fixtureRecords } from '@lab/test-kit';
import { describe, expect, it } from 'vitest';
import { binaryRunRecordSchema, RUN_RECORD_VERSION, RUN_RECORD_VERSIONS, trainRecordSchema } from '../src/index';

const fixtures = fixtureRecords();

describe("lab's records of every version", () => {
  it('include every version this package reads, and the train kind of the current one', () => {
    expect(new Set(fixtures.map((f) => f.version))).toEqual(new Set(RUN_RECORD_VERSIONS));
    expect(fixtures.some((f) => f.kind === 'train' && f.version === RUN_RECORD_VERSION)).toBe(true);
  });

  it.each(fixtures.filter((f) => f.kind === 'train'))('$file parses as a train record of its version', ({ value, version }) => {
    const record = trainRecordSchema.parse(value);
    expect(record.schemaVersion).toBe(version);
    if (record.schemaVersion >= 2) expect(record.config?.seed).toBe(record.seed);
  });

  it.each(fixtures.filter((f) => f.kind === 'train' || f.kind === 'regularization'))(
    '$file parses as a record of binary classifiers',
    ({ value }) => {
      expect(binaryRunRecordSchema.safeParse(value).success).toBe(true);
    },
  );
});

describe('trainRecordSchema', () => {
  const v2 = fixtures.find((f) => f.kind === 'train' && f.version === 2)?.value as Record<string, unknown>;

  it('requires the config from version 2 on, and names what is missing', () => {
    const { config: _config, ...withoutConfig } = v2;
    const result = trainRecordSchema.safeParse(withoutConfig);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['config'], 'a train record of version 2 holds its run config'],
    ]);
    expect(trainRecordSchema.safeParse({ ...withoutConfig, schemaVersion: 1 }).success).toBe(true);
  });

  it('reads no version it does not know', () => {
    expect(trainRecordSchema.safeParse({ ...v2, schemaVersion: 3 }).success).toBe(false);
    expect(binaryRunRecordSchema.safeParse({ ...v2, schemaVersion: 3 }).success).toBe(false);
  });

  it('takes a git commit of 40 or 64 hex digits, and nothing else', () => {
    const environment = v2.environment as Record<string, unknown>;
    const withCommit = (gitCommit: string) => trainRecordSchema.safeParse({ ...v2, environment: { ...environment, gitCommit } }).success;
    expect(withCommit('a'.repeat(40))).toBe(true);
    expect(withCommit('0123456789abcdef'.repeat(4))).toBe(true);
    expect(withCommit('main')).toBe(false);
    expect(withCommit('A'.repeat(40))).toBe(false);
  });

  it('takes whether the working copy had uncommitted changes as a boolean, or nothing', () => {
    const environment = v2.environment as Record<string, unknown>;
    const withDirty = (gitDirty: unknown) => trainRecordSchema.safeParse({ ...v2, environment: { ...environment, gitDirty } }).success;
    expect([withDirty(true), withDirty(false), withDirty(undefined)]).toEqual([true, true, true]);
    expect([withDirty('yes'), withDirty(1)]).toEqual([false, false]);
  });
});
