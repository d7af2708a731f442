import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { trainRecordSchema } from '@lab/run-record';
import { type JournalEvent, parseJournal, parseRunConfig, runFromConfig } from '@lab/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCommand } from '../src/commands/sweep';
import { handleError } from '../src/handle-error';
import type { SweepSummary } from '../src/output/print-sweep-result';
import { FakeStream, runCli, tempDir } from './helpers/run-cli';
import { SMALL_SWEEP, SMALL_SWEEP_TRIALS } from './helpers/sweep-config';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  await writeFile(join(dir.path, 'l2.yaml'), SMALL_SWEEP);
});
afterAll(async () => dir.cleanup());

const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

async function sweep(args: readonly string[]): Promise<{ code: number; summary: SweepSummary; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['sweep', '--config', 'l2.yaml', '--json', ...args], dir.path);
  return { code, summary: code === 0 ? (JSON.parse(stdout) as SweepSummary) : (undefined as never), stderr };
}

/** What a summary says of each trial, without its timing. */
function trialsOf(summary: SweepSummary): unknown[] {
  return summary.trials.map(({ id, params, seed, status, metrics }) => ({ id, params, seed, status, metrics }));
}

async function journalEvents(out: string): Promise<JournalEvent[]> {
  return parseJournal(await readFile(join(dir.path, out, 'journal.jsonl'), 'utf8')).events;
}

describe('lab sweep (worker threads)', { timeout: 300_000 }, () => {
  let one: SweepSummary;

  beforeAll(async () => {
    const result = await sweep(['--out', 'one', '--workers', '1']);
    expect(result.stderr).toBe('');
    one = result.summary;
  });

  it('runs the planned trials, each with the result `lab train` gives its config', async () => {
    expect(one.journal).toBe(join(dir.path, 'one', 'journal.jsonl'));
    expect(one.trials.map(({ id, point, params, seed }) => ({ id, point, params, seed }))).toEqual(SMALL_SWEEP_TRIALS);
    for (const trial of one.trials) {
      const config = parseRunConfig({
        name: 'small l2',
        seed: trial.seed,
        // Repeats differ in weights and masks, not in data: the data keep the base's seed.
        data: { kind: 'football', seed: 3 },
        model: {
          layers: [
            { kind: 'linear', units: 20, init: { kind: 'course' } },
            { kind: 'relu' },
            { kind: 'linear', units: 3, init: { kind: 'course' } },
            { kind: 'relu' },
            { kind: 'linear', units: 1, init: { kind: 'course' } },
            { kind: 'sigmoid' },
          ],
          loss: 'binary-cross-entropy',
          l2: trial.params['model.l2'],
        },
        optimizer: { kind: 'gd', learningRate: 0.3 },
        training: { iterations: 300, costEvery: 100 },
      });
      const model = (await runFromConfig(config, { environment })).models[0];
      expect(trial.metrics).toEqual({ trainAccuracy: model.trainAccuracy, testAccuracy: model.testAccuracy, cost: model.finalCost });
      // The trial's run record beside the journal.
      const record = trainRecordSchema.parse(JSON.parse(await readFile(trial.record as string, 'utf8')));
      expect(record.models[0].testAccuracy).toBe(trial.metrics.testAccuracy);
      expect(record.seed).toBe(trial.seed);
      // Trials skip the test curve (scoring along the way that no sweep report reads).
      expect(record.models[0].testCurve).toBeUndefined();
    }
    // Every trial journaled once, before its result; one thread holds at most two (one running, one queued).
    const events = (await journalEvents('one')) as { type: string; id?: string }[];
    expect(events[0]?.type).toBe('sweep');
    expect(events.at(-1)?.type).toBe('complete');
    const ids = SMALL_SWEEP_TRIALS.map((t) => t.id);
    const idsOf = (type: string) => events.filter((e) => e.type === type).map((e) => e.id);
    expect(idsOf('trial')).toEqual(ids);
    expect(idsOf('result')).toEqual(ids);
    let outstanding = 0;
    for (const event of events) {
      if (event.type === 'trial') outstanding++;
      if (event.type === 'result') outstanding--;
      expect(outstanding).toBeGreaterThanOrEqual(0);
      expect(outstanding).toBeLessThanOrEqual(2);
    }
  });

  it('writes the report and the best point as a ready lab train config', async () => {
    expect(one.report).toBe(join(dir.path, 'one', 'report.md'));
    const report = await readFile(one.report as string, 'utf8');
    expect(report).toMatch(/^# Sweep: small l2\n/);
    expect(report).toContain('![trainAccuracy and testAccuracy against model.l2](metric-vs-model-l2.svg)');
    expect(one.best).not.toBeNull();
    // Training best-config.yaml gives the best point's first trial (the sweep's seed) again.
    const trained = await runCli(['train', '--config', 'one/best-config.yaml', '--out', 'best', '--json'], dir.path);
    expect(trained.code).toBe(0);
    const record = JSON.parse(await readFile(JSON.parse(trained.stdout).runRecord, 'utf8'));
    const first = one.trials.find((t) => t.point === one.best?.point && t.seed === 3);
    expect(record.models[0].testAccuracy).toBe(first?.metrics.testAccuracy);
    expect(record.models[0].trainAccuracy).toBe(first?.metrics.trainAccuracy);
  });

  it('gives the same trial results with 2 workers', async () => {
    const two = await sweep(['--out', 'two', '--workers', '2']);
    expect(two.code).toBe(0);
    expect(trialsOf(two.summary)).toEqual(trialsOf(one));
  });

  it('runs a trial with an expression schedule: its thread loads mathjs then, and trains what lab train trains', async () => {
    const expression = '0.3 * 0.5 ^ floor(epoch / 100)';
    await writeFile(
      join(dir.path, 'schedule.yaml'),
      SMALL_SWEEP.replace('  training:', `  schedule: { kind: expression, expression: "${expression}" }\n  training:`).replace(
        'repeats: 2',
        'repeats: 1',
      ),
    );
    const { code, stdout, stderr } = await runCli(
      ['sweep', '--config', 'schedule.yaml', '--json', '--out', 'schedule', '--workers', '2'],
      dir.path,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const trials = (JSON.parse(stdout) as SweepSummary).trials;
    expect(trials).toHaveLength(3);
    for (const trial of trials) {
      const record = JSON.parse(await readFile(trial.record as string, 'utf8'));
      expect(record.config.schedule).toEqual({ kind: 'expression', expression });
      const model = (await runFromConfig(parseRunConfig(record.config), { environment })).models[0];
      expect(trial.metrics).toEqual({ trainAccuracy: model.trainAccuracy, testAccuracy: model.testAccuracy, cost: model.finalCost });
    }
    // The schedule did act: λ = 0 trains to another cost than with the constant rate.
    expect(trials[0]?.metrics.cost).not.toBe(one.trials[0]?.metrics.cost);
  });

  it('resumes from a journal cut by a crash: one warning, only the missing trials run, the same results', async () => {
    // Keep the sweep line, trials t0000–t0002 handed out, results for t0000 and t0002 only, then a torn line.
    const events = await journalEvents('one');
    const kept = events.filter(
      (e) => e.type === 'sweep' || (e.type === 'trial' && e.index <= 2) || (e.type === 'result' && (e.id === 't0000' || e.id === 't0002')),
    );
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir.path, 'crashed'));
    await writeFile(
      join(dir.path, 'crashed', 'journal.jsonl'),
      `${kept.map((e) => JSON.stringify(e)).join('\n')}\n{"type":"result","at":"`,
    );
    const resumed = await sweep(['--out', 'crashed', '--resume', '--workers', '2']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toBe(
      'lab: warning: journal.jsonl: line 7 is incomplete or garbled (a write cut short by a crash): dropped it\n',
    );
    expect(trialsOf(resumed.summary)).toEqual(trialsOf(one));
    const after = await journalEvents('crashed');
    const results = after.filter((e) => e.type === 'result').map((e) => (e as { id: string }).id);
    // Every trial has exactly one result; t0000 and t0002 were not run again.
    expect([...results].sort()).toEqual(SMALL_SWEEP_TRIALS.map((t) => t.id));
    const resumedAt = after.findIndex((e) => e.type === 'resume');
    expect(
      after
        .slice(resumedAt)
        .filter((e) => e.type === 'trial')
        .map((e) => (e as { id: string }).id),
    ).toEqual(['t0001', 't0003', 't0004', 't0005']);
  });

  it('completes after the coordinator is killed (SIGKILL) and resumed, without running a finished trial again', async () => {
    await writeFile(join(dir.path, 'longer.yaml'), SMALL_SWEEP.replace('iterations: 300', 'iterations: 3000'));
    const { spawn } = await import('node:child_process');
    const bin = new URL('../dist/lab.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'sweep', '--config', 'longer.yaml', '--out', 'killed', '--workers', '1'], {
      cwd: dir.path,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kill it as soon as two trials have finished (their progress lines come after their results are journaled).
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) =>
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if ((stderr.match(/^trial /gm) ?? []).length >= 2) resolve();
      }),
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = (await journalEvents('killed')).filter((e) => e.type === 'result').map((e) => (e as { id: string }).id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(6);

    const { code, stdout } = await runCli(['sweep', '--config', 'longer.yaml', '--out', 'killed', '--resume', '--json'], dir.path);
    expect(code).toBe(0);
    const after = await journalEvents('killed');
    const results = after.filter((e) => e.type === 'result').map((e) => (e as { id: string }).id);
    expect([...results].sort()).toEqual(SMALL_SWEEP_TRIALS.map((t) => t.id));
    const resumedAt = after.findIndex((e) => e.type === 'resume');
    const rerun = after
      .slice(resumedAt)
      .filter((e) => e.type === 'trial')
      .map((e) => (e as { id: string }).id);
    expect(rerun.filter((id) => before.includes(id))).toEqual([]);
    // And the results are those of an uninterrupted sweep.
    const whole = await runCli(['sweep', '--config', 'longer.yaml', '--out', 'whole', '--json'], dir.path);
    expect(trialsOf(JSON.parse(stdout))).toEqual(trialsOf(JSON.parse(whole.stdout)));
  });

  it('refuses to start over an existing journal, and a journal of another config', async () => {
    const again = await runCli(['sweep', '--config', 'l2.yaml', '--out', 'one'], dir.path);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^lab: journal\.jsonl: a sweep journal already exists in .*one: resume it with --resume, or choose another --out\n$/,
    );
    await writeFile(join(dir.path, 'other.yaml'), SMALL_SWEEP.replace('[0, 0.7, 5]', '[0, 0.7, 6]'));
    const other = await runCli(['sweep', '--config', 'other.yaml', '--out', 'one', '--resume'], dir.path);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe(
      'lab: journal.jsonl: was written by a different sweep config (small l2); resume with the same config, or start a new sweep in another --out\n',
    );
  });
});

describe('lab sweep --queue and lab worker --queue without a URL read LAB_QUEUE_URL', () => {
  it.each([['sweep', '--config', 'l2.yaml', '--out', 'q'], ['worker']])('lab %s: one line when it is not set', async (...args) => {
    const { code, stderr } = await runCli([...args, '--queue'], dir.path, {});
    expect(code).toBe(1);
    expect(stderr).toBe('lab: --queue without a URL reads it from LAB_QUEUE_URL, which is not set\n');
  });

  it('takes the URL from LAB_QUEUE_URL, and never shows its password', async () => {
    const { code, stderr } = await runCli(['sweep', '--config', 'l2.yaml', '--out', 'q2', '--queue'], dir.path, {
      LAB_QUEUE_URL: 'http://:s3cret@localhost:6379',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^lab: .*redis/);
    expect(stderr).not.toContain('s3cret');
    expect(stderr.split('\n')).toHaveLength(2);
  });
});

describe('lab sweep fails loudly', { timeout: 300_000 }, () => {
  const fixture = new URL('./fixtures/faulty-trials.mjs', import.meta.url).href;

  /** Runs the sweep with an injected fault on trial t0002 and returns what `lab` would print and its exit code. */
  async function withFault(name: string): Promise<{ code: number; stderr: string }> {
    const stderr = new FakeStream();
    const context = { io: { stdout: new FakeStream(), stderr, env: {}, cwd: dir.path }, exitCode: 0 };
    // A heap limit small for a runaway thread, ample for a trial of the course's network.
    await writeFile(join(dir.path, 'limited.yaml'), `${SMALL_SWEEP}trial: { memoryLimitMb: 96 }\n`);
    const options = { config: 'limited.yaml', out: `fault-${name}`, workers: 2, quiet: true };
    try {
      await sweepCommand(options, context, { task: { module: fixture, export: name } });
    } catch (error) {
      return { code: handleError(error, stderr, false), stderr: stderr.text };
    }
    return { code: 0, stderr: stderr.text };
  }

  it.each([
    ['exitOnTrial2', 'exited with code 3'],
    ['throwOnTrial2', 'threw TypeError: injected fault'],
    ['outOfMemoryOnTrial2', 'ran out of memory \\(heap limit 96 MB\\)'],
  ])('%s: one line naming the worker and the trial, exit 1', async (name, what) => {
    const { code, stderr } = await withFault(name);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^lab: trial t0002 on worker [12]: ${what}.*\\n$`));
    // The failure is in the journal; the trials before it have their results.
    const events = await journalEvents(`fault-${name}`);
    expect(events.filter((e) => e.type === 'failure').map((e) => (e as { id: string }).id)).toEqual(['t0002']);
  });

  it('a trial that hangs past its deadline: one line, exit 1 (the real bin)', async () => {
    await writeFile(
      join(dir.path, 'hang.yaml'),
      `${SMALL_SWEEP.replace('iterations: 300', 'iterations: 100000000')}trial: { deadlineSeconds: 1 }\n`,
    );
    const { spawnSync } = await import('node:child_process');
    const bin = new URL('../dist/lab.js', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [bin, 'sweep', '--config', 'hang.yaml', '--out', 'hang', '--workers', '2', '--quiet'], {
      cwd: dir.path,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^lab: trial t000[01] on worker [12]: did not finish within its deadline of 1 s; stopped it\n$/);
  });
});
