import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type OutputFile, openOutputDirectory } from '../src/output-directory';
import { OutputError } from '../src/output-error';

let parent: string;
let out: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'lab-output-directory-'));
  out = join(parent, 'out');
});

/** Every file under `dir` with its contents, and every entry beside it. */
function snapshot(dir: string): { files: Record<string, string>; beside: string[] } {
  const files = existsSync(dir) ? Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')])) : {};
  return { files, beside: readdirSync(parent).sort() };
}

const setA: OutputFile[] = [
  { name: 'run.json', data: '{"run":"a"}\n' },
  { name: 'report.md', data: '# a\n' },
  { name: 'cost-curves.svg', data: '<svg>a</svg>' },
  { name: 'decision-boundary-a.svg', data: '<svg>a</svg>' },
];
const setB: OutputFile[] = [
  { name: 'run.json', data: '{"run":"b"}\n' },
  { name: 'report.md', data: '# b\n' },
  { name: 'cost-curves.svg', data: '<svg>b</svg>' },
];

function writeSet(files: readonly OutputFile[]): { replaced: boolean } {
  const directory = openOutputDirectory(out, { cwd: parent });
  try {
    return directory.commit(files);
  } finally {
    directory.release();
  }
}

describe('openOutputDirectory + commit: the whole set or nothing', () => {
  it('writes a new directory (and its parents), leaving nothing beside it', () => {
    out = join(parent, 'a', 'b', 'out');
    expect(writeSet(setA)).toEqual({ replaced: false });
    expect(readdirSync(out).sort()).toEqual(setA.map((f) => f.name).sort());
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe('# a\n');
    expect(readdirSync(join(parent, 'a', 'b'))).toEqual(['out']);
  });

  it('replaces a previous set as a whole: files of the old set that the new one lacks are gone', () => {
    writeSet(setA);
    expect(writeSet(setB)).toEqual({ replaced: true });
    expect(snapshot(out)).toEqual({ files: Object.fromEntries(setB.map((f) => [f.name, f.data])), beside: ['out'] });
  });

  it('a failing commit leaves the previous set byte-identical and nothing beside it', () => {
    writeSet(setA);
    const before = snapshot(out);
    // A name longer than any file system allows: the write into the staging directory fails.
    const tooLong = { name: `${'x'.repeat(300)}.svg`, data: '<svg/>' };
    expect(() => writeSet([...setB, tooLong])).toThrow(new RegExp(`^cannot write to ${out}: a name is too long \\(ENAMETOOLONG\\)$`));
    expect(snapshot(out)).toEqual(before);
  });

  it('refuses names that are not output files, before writing anything', () => {
    writeSet(setA);
    const before = snapshot(out);
    for (const name of ['../escape.svg', 'notes.txt', 'sub/report.md']) {
      expect(() => writeSet([{ name, data: '' }])).toThrow(`${out}: ${JSON.stringify(name)} is not a name an output file can have`);
    }
    expect(() => writeSet([setB[0] as OutputFile, setB[0] as OutputFile])).toThrow(/is not a name an output file can have/);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('what an output directory may be', () => {
  it('refuses a directory holding files lab did not write, and leaves it alone', () => {
    mkdirSync(out);
    writeFileSync(join(out, 'report.md'), 'mine');
    writeFileSync(join(out, 'notes.txt'), 'mine too');
    expect(() => openOutputDirectory(out, { cwd: parent })).toThrow(OutputError);
    expect(() => openOutputDirectory(out, { cwd: parent })).toThrow(
      `${out}: holds "notes.txt" (2 entries), which lab did not write; name a new or empty directory, or one of earlier lab outputs`,
    );
    expect(snapshot(out).files).toEqual({ 'report.md': 'mine', 'notes.txt': 'mine too' });
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('accepts an empty directory, and says a set of lab outputs is there to replace', () => {
    mkdirSync(out);
    const empty = openOutputDirectory(out, { cwd: parent });
    expect(empty.hasPrevious).toBe(false);
    empty.commit(setA);
    empty.release();
    const again = openOutputDirectory(out, { cwd: parent });
    expect(again.hasPrevious).toBe(true);
    again.release();
  });

  it('refuses an empty path, the root, a file, the working directory and its ancestors', () => {
    writeFileSync(join(parent, 'file'), '');
    expect(() => openOutputDirectory('')).toThrow('the output directory is an empty path: name a directory');
    expect(() => openOutputDirectory('/')).toThrow('/: the root cannot be an output directory');
    expect(() => openOutputDirectory(join(parent, 'file'))).toThrow(
      `${join(parent, 'file')}: not a directory (a file); name a new or existing output directory`,
    );
    expect(() => openOutputDirectory(join(parent, 'file', 'out'))).toThrow(
      `cannot write to ${join(parent, 'file', 'out')}: a parent is not a directory (ENOTDIR)`,
    );
    expect(() => openOutputDirectory(parent, { cwd: parent })).toThrow(
      `${parent}: the working directory, or a directory above it, cannot be an output directory`,
    );
    expect(() => openOutputDirectory(parent, { cwd: join(parent, 'deeper') })).toThrow(/the working directory, or a directory above it/);
    // A sibling whose name starts like the working directory's is fine.
    openOutputDirectory(join(parent, 'deep'), { cwd: join(parent, 'deeper') }).release();
  });

  it('refuses a place under /proc at once instead of spinning', () => {
    if (process.platform !== 'linux') return;
    expect(() => openOutputDirectory('/proc/self/x')).toThrow(/^cannot write to \/proc\/self\/x: |^\/proc\/self\/x: /);
  });
});

describe('the lock: one lab run per output directory', () => {
  it('refuses a second opener while the first holds it, and lets it in after release', () => {
    const first = openOutputDirectory(out, { cwd: parent });
    const lock = join(parent, '.out.lab-lock');
    expect(() => openOutputDirectory(out, { cwd: parent })).toThrow(
      `${out}: another lab run (pid ${process.pid}) is writing to this directory; wait for it to finish (if it is gone, remove ${lock})`,
    );
    first.release();
    first.release();
    expect(existsSync(lock)).toBe(false);
    openOutputDirectory(out, { cwd: parent }).release();
  });

  it('takes over the lock of a process that is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const lock = join(parent, '.out.lab-lock');
    writeFileSync(lock, JSON.stringify({ pid: gone, host: hostname(), token: 'stale' }));
    const directory = openOutputDirectory(out, { cwd: parent });
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    directory.release();
    expect(existsSync(lock)).toBe(false);
  });

  it('waits on an unreadable lock only while it is fresh (a crash while creating it)', () => {
    const lock = join(parent, '.out.lab-lock');
    writeFileSync(lock, '');
    expect(() => openOutputDirectory(out, { cwd: parent })).toThrow(/another lab run is writing to this directory/);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    openOutputDirectory(out, { cwd: parent }).release();
  });
});

describe('leftovers of a crash are cleaned by the next run', () => {
  it('a staging directory is removed, and a previous set caught between the renames is put back', () => {
    mkdirSync(join(parent, '.out.lab-staging.1.abcd'));
    writeFileSync(join(parent, '.out.lab-staging.1.abcd', 'report.md'), 'half');
    mkdirSync(join(parent, '.out.lab-previous.1.ef01'));
    writeFileSync(join(parent, '.out.lab-previous.1.ef01', 'report.md'), 'previous');
    const directory = openOutputDirectory(out, { cwd: parent });
    expect(directory.hasPrevious).toBe(true);
    directory.release();
    expect(snapshot(out)).toEqual({ files: { 'report.md': 'previous' }, beside: ['out'] });
  });

  it('a previous set left after the swap is removed when the new set is in place', () => {
    writeSet(setB);
    mkdirSync(join(parent, '.out.lab-previous.1.ef01'));
    writeFileSync(join(parent, '.out.lab-previous.1.ef01', 'report.md'), 'old');
    openOutputDirectory(out, { cwd: parent }).release();
    expect(snapshot(out)).toEqual({ files: Object.fromEntries(setB.map((f) => [f.name, f.data])), beside: ['out'] });
  });

  it("a lock's temporary file is removed when its process on this host is gone, or when it is old; a live one is kept", () => {
    // The names' host tag: the first 8 hex digits of SHA-256 of the host name.
    const here = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const elsewhere = here === '00000000' ? '11111111' : '00000000';
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const temp = (tag: string, pid: number, suffix = 'tmp') => join(parent, `.out.lab-lock.${tag}-${pid}.0a1b2c3d.${suffix}`);
    const removed = [
      temp(here, gone),
      temp(here, gone, 'stale.tmp'),
      temp(elsewhere, gone),
      join(parent, `.out.lab-lock.${gone}.0a1b.tmp`),
    ];
    const kept = [temp(here, process.pid), temp(elsewhere, process.pid)];
    for (const path of [...removed, ...kept]) writeFileSync(path, '{}');
    // Another host's and the old naming's are leftovers only when old.
    const old = (Date.now() - 120_000) / 1000;
    for (const path of removed.slice(2)) utimesSync(path, old, old);
    openOutputDirectory(out, { cwd: parent }).release();
    expect(readdirSync(parent).sort()).toEqual(kept.map((path) => path.slice(parent.length + 1)).sort());
  });
});
