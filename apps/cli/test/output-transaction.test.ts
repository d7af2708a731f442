import { type ChildProcess, spawn } from 'node:child_process';
import fs, { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomState } from '@lab/tensor';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

/** The built bin (apps/cli/turbo.json builds it before the tests). */
const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  const config = (name: string, iterations: number) =>
    `name: ${name}\ndataset: { kind: builtin, name: moons, n: 120 }\nmodel: { layerSizes: [2, 8, 1] }\noptimizer: { kind: adam, learningRate: 0.01 }\ntraining: { numIterations: ${iterations}, costEvery: 50 }\n`;
  writeFileSync(join(dir.path, 'old.yaml'), config('old', 200));
  writeFileSync(join(dir.path, 'new.yaml'), config('new', 300));
  writeFileSync(join(dir.path, 'long.yaml'), config('long', 1_000_000));
  // Valid as a config; its data fail to load once the run has started (and locked --out).
  writeFileSync(
    join(dir.path, 'bad.yaml'),
    config('bad', 200).replace('{ kind: builtin, name: moons, n: 120 }', '{ kind: mat, path: missing.mat }'),
  );
});
afterAll(async () => dir.cleanup());
afterEach(() => vi.restoreAllMocks());

/** Every file of a directory with its bytes (base64), or null when it does not exist. */
function contents(path: string): Record<string, string> | null {
  if (!existsSync(path)) return null;
  return Object.fromEntries(
    readdirSync(path)
      .sort()
      .map((name) => [name, readFileSync(join(path, name), 'base64')]),
  );
}

/** `out` with the outputs of the `old` config, freshly written. */
async function previousOutputs(out: string): Promise<Record<string, string>> {
  rmSync(join(dir.path, out), { recursive: true, force: true });
  const { code } = await runCli(['train', '--config', 'old.yaml', '--out', out, '--quiet'], dir.path);
  expect(code).toBe(0);
  return contents(join(dir.path, out)) as Record<string, string>;
}

describe('a run into an existing --out replaces the outputs as a whole, or leaves them alone', () => {
  it('replaces them and says so in one line', async () => {
    await previousOutputs('replaced');
    const { code, stdout } = await runCli(['train', '--config', 'new.yaml', '--out', 'replaced', '--quiet'], dir.path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nReplaced the previous outputs in replaced\.\n$/);
    expect(JSON.parse(readFileSync(join(dir.path, 'replaced', 'run.json'), 'utf8')).models[0].name).toBe('new');
    const json = await runCli(['train', '--config', 'new.yaml', '--out', 'replaced', '--json'], dir.path);
    expect(JSON.parse(json.stdout).replaced).toBe(true);
  });

  it('a run that fails leaves the previous outputs byte-identical: bad data, a full disk while writing', async () => {
    const before = await previousOutputs('kept');
    const bad = await runCli(['train', '--config', 'bad.yaml', '--out', 'kept', '--quiet'], dir.path);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`lab: ${join(dir.path, 'missing.mat')}: the file does not exist\n`);
    expect(contents(join(dir.path, 'kept'))).toEqual(before);
    // The disk fills up while the new outputs are written (the third file): nothing of them shows.
    const realWrite = fs.writeFileSync;
    let writes = 0;
    vi.spyOn(fs, 'writeFileSync').mockImplementation(((file: number | string, data: string | Uint8Array, ...rest: unknown[]) => {
      if (typeof file === 'number' && ++writes === 3) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return (realWrite as (...args: unknown[]) => void)(file, data, ...rest);
    }) as typeof fs.writeFileSync);
    const full = await runCli(['train', '--config', 'new.yaml', '--out', 'kept', '--quiet'], dir.path);
    vi.restoreAllMocks();
    expect({ code: full.code, stderr: full.stderr }).toEqual({
      code: 1,
      stderr: `lab: cannot write to ${join(dir.path, 'kept')}: no space left on device (ENOSPC)\n`,
    });
    expect(contents(join(dir.path, 'kept'))).toEqual(before);
    expect(readdirSync(dir.path).filter((name) => name.startsWith('.kept.'))).toEqual([]);
  });

  it('refuses an --out that is not a directory of lab outputs before training, in one line', async () => {
    mkdirSync(join(dir.path, 'mine'));
    writeFileSync(join(dir.path, 'mine', 'notes.txt'), 'keep me');
    writeFileSync(join(dir.path, 'a-file'), '');
    const cases: [string, string][] = [
      [
        'mine',
        `${join(dir.path, 'mine')}: holds "notes.txt", which lab did not write; name a new or empty directory, or one of earlier lab outputs`,
      ],
      ['a-file', `${join(dir.path, 'a-file')}: not a directory (a file); name a new or existing output directory`],
      ['', '--out is an empty path: name a directory'],
      ['.', `${dir.path}: the working directory, or a directory above it, cannot be an output directory`],
    ];
    for (const [out, message] of cases) {
      const { code, stdout, stderr } = await runCli(['train', '--config', 'new.yaml', '--out', out, '--quiet'], dir.path);
      expect({ out, code, stdout, stderr }).toEqual({ out, code: 1, stdout: '', stderr: `lab: ${message}\n` });
    }
    expect(readFileSync(join(dir.path, 'mine', 'notes.txt'), 'utf8')).toBe('keep me');
    if (process.platform === 'linux') {
      const proc = await runCli(['train', '--config', 'new.yaml', '--out', '/proc/self/x', '--quiet'], dir.path);
      expect(proc.code).toBe(1);
      expect(proc.stderr).toMatch(/^lab: cannot write to \/proc\/self\/x: .+\n$/);
    }
  });
});

/** Starts the built `lab` in the temp dir; resolves `running` once stderr matches `ready`. */
function start(args: readonly string[], ready?: RegExp): { child: ChildProcess; running: Promise<void>; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir.path,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let resolveRunning: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (resolveRunning = resolve));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (ready?.test(stderr)) resolveRunning();
  });
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, running, exited };
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('one run per --out (dist/lab.js)', () => {
  it('a second run into the same --out is refused in one line while the first runs; the lock goes with the first', async () => {
    const first = start(['train', '--config', 'long.yaml', '--out', 'shared'], /^long: /m);
    await Promise.race([first.running, first.exited]);
    const second = await runCli(['train', '--config', 'new.yaml', '--out', 'shared', '--quiet'], dir.path);
    const lock = join(dir.path, '.shared.lab-lock');
    expect({ code: second.code, stdout: second.stdout, stderr: second.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `lab: ${join(dir.path, 'shared')}: another lab run (pid ${first.child.pid}) is writing to this directory; wait for it to finish (if it is gone, remove ${lock})\n`,
    });
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(130);
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(join(dir.path, 'shared'))).toBe(false);
  });

  it('the lock of a run that was killed is taken over by the next run', async () => {
    const killed = start(['train', '--config', 'long.yaml', '--out', 'orphan'], /^long: /m);
    await Promise.race([killed.running, killed.exited]);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(existsSync(join(dir.path, '.orphan.lab-lock'))).toBe(true);
    const next = await runCli(['train', '--config', 'new.yaml', '--out', 'orphan', '--quiet'], dir.path);
    expect(next.code).toBe(0);
    expect(readdirSync(dir.path).filter((name) => name.startsWith('.orphan.'))).toEqual([]);
  });
});

/** Signals sent, alternately SIGINT and SIGTERM, each to a fresh run. */
const ROUNDS = 12;

describe('SIGINT and SIGTERM at any moment of a run never leave a mix of old and new outputs (dist/lab.js)', () => {
  it('the previous outputs byte-identical, or the complete new ones', async () => {
    // The complete new outputs, for comparison: the same config written without interruption.
    const reference = await (async () => {
      const started = performance.now();
      const { code } = await runCli(['train', '--config', 'new.yaml', '--out', 'reference', '--quiet'], dir.path);
      expect(code).toBe(0);
      return { files: contents(join(dir.path, 'reference')) as Record<string, string>, millis: performance.now() - started };
    })();
    const old = await previousOutputs('mixed');
    cpSync(join(dir.path, 'mixed'), join(dir.path, 'old-copy'), { recursive: true });
    // How long a whole run of the bin takes here, to spread the signals over it (mostly its second half,
    // where the report is rendered and written).
    const whole = start(['train', '--config', 'new.yaml', '--out', 'timing', '--quiet']);
    const wholeStarted = performance.now();
    expect((await whole.exited).code).toBe(0);
    const span = Math.max(performance.now() - wholeStarted, reference.millis);

    const rng = new RandomState(19);
    const outcomes = { old: 0, new: 0 };
    const killedByDefault: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const signal = round % 2 === 0 ? 'SIGINT' : 'SIGTERM';
      const delay = span * (0.25 + 0.85 * rng.nextDouble());
      const run = start(['train', '--config', 'new.yaml', '--out', 'mixed', '--quiet']);
      await new Promise((resolve) => setTimeout(resolve, delay));
      run.child.kill(signal);
      const exit = await run.exited;
      const now = contents(join(dir.path, 'mixed'));
      const what = `round ${round}: ${signal} after ${delay.toFixed(0)} ms, exit ${exit.code ?? exit.signal}, stderr ${JSON.stringify(exit.stderr)}`;
      // Handled (130/143, one line); ended by Node's default before lab listens (start-up, reading the
      // config) or, for SIGTERM, during the synchronous training; or already done.
      expect([0, 130, 143, null], what).toContain(exit.code);
      if (exit.code === 130) expect(exit.stderr, what).toMatch(/(^|\n)lab: interrupted\n$/);
      if (exit.code === 143) expect(exit.stderr, what).toMatch(/(^|\n)lab: terminated\n$/);
      if (exit.code === null) expect(exit.signal, what).toBe(signal);
      // Nothing beside the outputs but, after a kill during training, a lock the next run takes over,
      // and after a kill by the default action while the lock was being made, that run's temporary
      // file, which the next run removes (checked after the last round).
      if (exit.code === null && run.child.pid !== undefined) killedByDefault.push(run.child.pid);
      const killedTemp = new RegExp(`^\\.mixed\\.lab-lock\\.[0-9a-f]{8}-(${killedByDefault.join('|')})\\.[0-9a-f]+\\.(stale\\.)?tmp$`);
      const beside = readdirSync(dir.path).filter((name) => name.startsWith('.mixed.'));
      expect(
        beside.filter((name) => name !== '.mixed.lab-lock' && !killedTemp.test(name)),
        what,
      ).toEqual([]);
      if (JSON.stringify(now) === JSON.stringify(old)) {
        outcomes.old++;
        continue;
      }
      outcomes.new++;
      expect(Object.keys(now ?? {}), what).toEqual(Object.keys(reference.files));
      for (const [name, bytes] of Object.entries(reference.files)) {
        const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
        if (name === 'run.json') {
          const record = JSON.parse(text(now?.[name] ?? ''));
          expect(record.models[0].name, what).toBe('new');
        } else if (name === 'report.md') {
          expect(maskVolatile(text(now?.[name] ?? '')), what).toBe(maskVolatile(text(bytes)));
        } else {
          expect(now?.[name], `${what}: ${name}`).toBe(bytes);
        }
      }
      // Back to the previous outputs for the next round.
      rmSync(join(dir.path, 'mixed'), { recursive: true });
      cpSync(join(dir.path, 'old-copy'), join(dir.path, 'mixed'), { recursive: true });
    }
    // Both outcomes are allowed; how many of each depends on the machine's speed.
    expect(outcomes.old + outcomes.new).toBe(ROUNDS);
    // A run to the end leaves nothing beside its outputs: no lock, no killed run's temporary file.
    expect((await runCli(['train', '--config', 'new.yaml', '--out', 'mixed', '--quiet'], dir.path)).code).toBe(0);
    expect(readdirSync(dir.path).filter((name) => name.startsWith('.mixed.'))).toEqual([]);
  }, 600_000);
});

/** A report without what changes from run to run: the timings section and the environment's clock. */
function maskVolatile(markdown: string): string {
  return markdown.replace(/<!-- timings:start -->[\s\S]*<!-- timings:end -->/, '').replace(/\d+(\.\d+)? s\b/g, '… s');
}
