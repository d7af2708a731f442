import fs, { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutputDirectory, renderReport, writeReport } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'lab-report-write-'));
}

/** Every file of `dir` with its bytes, and the entries beside it. */
function snapshot(dir: string): { files: Record<string, string>; beside: string[] } {
  const files = Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'base64')]));
  return { files, beside: readdirSync(join(dir, '..')).sort() };
}

afterEach(() => vi.restoreAllMocks());

describe('writeReport: run.json, report.md and the figures as one transaction', () => {
  it('writes the record, the report and every figure, and returns their paths', async () => {
    const outDir = join(freshDir(), 'nested', 'out');
    const record = syntheticTrainRecord({ courseData: true });
    const written = await writeReport(record, outDir);
    const rendered = await renderReport(record);
    expect(written.replaced).toBe(false);
    expect(written.runPath).toBe(join(outDir, 'run.json'));
    expect(JSON.parse(readFileSync(written.runPath, 'utf8'))).toEqual(record);
    expect(written.reportPath).toBe(join(outDir, 'report.md'));
    expect(readFileSync(written.reportPath, 'utf8')).toBe(rendered.markdown);
    expect(written.figures).toEqual(rendered.figures.map((f) => join(outDir, f.fileName)));
    for (const [i, path] of written.figures.entries()) expect(readFileSync(path, 'utf8')).toBe(rendered.figures[i]?.svg);
    expect(readdirSync(outDir).sort()).toEqual(['report.md', 'run.json', ...rendered.figures.map((f) => f.fileName)].sort());
  });

  it('keeps a record read from a file byte for byte (recordText)', async () => {
    const outDir = join(freshDir(), 'out');
    const record = syntheticTrainRecord();
    const text = `${JSON.stringify(record)}\n`;
    await writeReport(record, outDir, { recordText: text });
    expect(readFileSync(join(outDir, 'run.json'), 'utf8')).toBe(text);
  });

  it('replaces a previous set as a whole, and says so', async () => {
    const outDir = join(freshDir(), 'out');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'decision-boundary-old-model.svg'), '<svg/>');
    writeFileSync(join(outDir, 'report.md'), 'previous report\n');
    const written = await writeReport(syntheticTrainRecord(), outDir);
    expect(written.replaced).toBe(true);
    expect(readdirSync(outDir)).not.toContain('decision-boundary-old-model.svg');
  });

  it('a write that fails half-way leaves the previous outputs byte-identical, and nothing beside them', async () => {
    const outDir = join(freshDir(), 'out');
    await writeReport(syntheticTrainRecord({ seconds: 1 }), outDir);
    const before = snapshot(outDir);
    const realWrite = fs.writeFileSync;
    let writes = 0;
    vi.spyOn(fs, 'writeFileSync').mockImplementation(((file: number | string, data: string | Uint8Array) => {
      // The third file of the set: some bytes reach the disk, then the disk is full.
      if (typeof file === 'number' && ++writes === 3) {
        realWrite(file, typeof data === 'string' ? data.slice(0, 10) : data.subarray(0, 10));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return realWrite(file, data);
    }) as typeof fs.writeFileSync);
    await expect(writeReport(syntheticTrainRecord({ seconds: 2 }), outDir)).rejects.toThrow(
      `cannot write to ${outDir}: no space left on device (ENOSPC)`,
    );
    expect(writes).toBe(3);
    expect(snapshot(outDir)).toEqual(before);
  });

  it('refuses a record that would not read back, before writing anything', async () => {
    const outDir = join(freshDir(), 'out');
    await writeReport(syntheticTrainRecord(), outDir);
    const before = snapshot(outDir);
    const record = syntheticTrainRecord();
    const broken = { ...record, models: [{ ...record.models[0], finalCost: Number.NaN }] } as typeof record;
    await expect(writeReport(broken, outDir)).rejects.toThrow(/^run\.json: models\[0\]\.finalCost: /);
    expect(snapshot(outDir)).toEqual(before);
  });

  it('writes into a directory the caller opened (and keeps its lock)', async () => {
    const outDir = join(freshDir(), 'out');
    const directory = openOutputDirectory(outDir);
    await writeReport(syntheticTrainRecord(), directory);
    expect(() => openOutputDirectory(outDir)).toThrow(/another lab run \(pid \d+\) is writing to this directory/);
    directory.release();
  });

  it('fails with one line when the output path is a file', async () => {
    const file = join(freshDir(), 'not-a-dir');
    writeFileSync(file, '');
    await expect(writeReport(syntheticTrainRecord(), file)).rejects.toThrow(
      `${file}: not a directory (a file); name a new or existing output directory`,
    );
  });
});
