import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FileWriter, nodeFileWriter, renderReport, writeReport } from '../src/index';
import { syntheticTrainRecord } from './fixtures/synthetic-record';

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'lab-report-write-'));
}

/** Node's writer, except that writing `failOn` (by file name suffix) fails half-way, after some bytes hit the disk. */
function failingWriter(failOn: string): FileWriter {
  return {
    ...nodeFileWriter,
    async writeFile(path, data) {
      if (!path.endsWith('.tmp') || !path.includes(failOn)) return nodeFileWriter.writeFile(path, data);
      await nodeFileWriter.writeFile(path, data.slice(0, 10));
      throw new Error(`ENOSPC: no space left on device, write '${path}'`);
    },
  };
}

describe('writeReport', () => {
  it('writes report.md and every figure, and returns their paths', async () => {
    const outDir = join(freshDir(), 'nested', 'out');
    const record = syntheticTrainRecord({ courseData: true });
    const { reportPath, figures } = await writeReport(record, outDir);
    const rendered = await renderReport(record);
    expect(reportPath).toBe(join(outDir, 'report.md'));
    expect(readFileSync(reportPath, 'utf8')).toBe(rendered.markdown);
    expect(figures).toEqual(rendered.figures.map((f) => join(outDir, f.fileName)));
    for (const [i, path] of figures.entries()) expect(readFileSync(path, 'utf8')).toBe(rendered.figures[i]?.svg);
    expect(readdirSync(outDir).sort()).toEqual(['report.md', ...rendered.figures.map((f) => f.fileName)].sort());
  });

  it('leaves the previous report.md intact, and no temporary file, when writing it fails', async () => {
    const outDir = freshDir();
    await writeReport(syntheticTrainRecord({ seconds: 1 }), outDir);
    const before = readFileSync(join(outDir, 'report.md'), 'utf8');
    await expect(writeReport(syntheticTrainRecord({ seconds: 2 }), outDir, { writer: failingWriter('report.md') })).rejects.toThrow(
      /ENOSPC/,
    );
    expect(readFileSync(join(outDir, 'report.md'), 'utf8')).toBe(before);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('does not touch report.md when a figure fails, so it never links a half-written figure', async () => {
    const outDir = freshDir();
    writeFileSync(join(outDir, 'report.md'), 'previous report\n');
    writeFileSync(join(outDir, 'decision-boundary-moons-adam.svg'), '<svg/>');
    await expect(
      writeReport(syntheticTrainRecord(), outDir, { writer: failingWriter('decision-boundary-moons-adam.svg') }),
    ).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(join(outDir, 'report.md'), 'utf8')).toBe('previous report\n');
    expect(readFileSync(join(outDir, 'decision-boundary-moons-adam.svg'), 'utf8')).toBe('<svg/>');
    expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with the file system error when the output path is a file', async () => {
    const file = join(freshDir(), 'not-a-dir');
    writeFileSync(file, '');
    await expect(writeReport(syntheticTrainRecord(), file)).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});
