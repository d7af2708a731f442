import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tinyMatFile } from '@lab/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/run-cli';
import { SMALL_SWEEP } from './helpers/sweep-config';

/**
 * The README's exit-code table held to what the built bin does. Each case runs dist/lab.js as a
 * user would and says the code it must end with; the codes the cases end with are exactly the
 * table's. A process ended by a signal counts as a shell reports it, 128 + the signal's number
 * (SIGTERM during a synchronous training keeps Node's default, which a shell shows as 143).
 */
const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The codes of the table under "## Exit codes and errors". */
function documentedCodes(): number[] {
  const section = README.split(/^## /m).find((part) => part.startsWith('Exit codes and errors')) ?? '';
  return [...section.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  const config = (lines: string[]) => `${lines.join('\n')}\n`;
  const football = 'dataset: { kind: builtin, name: football }';
  const model = 'model: { layerSizes: [2, 20, 3, 1] }';
  const gd = 'optimizer: { kind: gd, learningRate: 0.3 }';
  const short = 'training: { numIterations: 5 }';
  const files: Record<string, string> = {
    'ok.yaml': config(['name: ok', football, model, gd, 'training: { numIterations: 20, costEvery: 10 }']),
    'long.yaml': config(['name: long', football, model, gd, 'training: { numIterations: 1000000, costEvery: 1000 }']),
    'bad.yaml': config(['name: [unclosed', football]),
    'tag.yaml': config(['name: !!js/function x', football, model, gd]),
    // Complete but for the one field at fault, so the message is about that field in any config format.
    'rate.yaml': config(['name: rate', football, model, 'optimizer: { kind: gd, learningRate: 0 }', short]),
    'wide.yaml': config(['name: wide', football, 'model: { layerSizes: [2, 3000000000, 1] }', gd, short]),
    'later.yaml': config([
      'name: later',
      football,
      model,
      gd,
      'schedule: { kind: expression, expression: "epoch > 2 ? max() : 0.01" }',
      'training: { numIterations: 10, costEvery: 5 }',
    ]),
    'nan.yaml': config(['name: nan', 'dataset: { kind: mat, path: nan.mat }', model, gd, 'training: { numIterations: 5 }']),
    'sweep.yaml': SMALL_SWEEP.replace('iterations: 300', 'iterations: 100000000'),
    'hang.yaml': `${SMALL_SWEEP.replace('iterations: 300', 'iterations: 100000000')}trial: { deadlineSeconds: 1 }\n`,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir.path, name), text);
  await writeFile(join(dir.path, 'nan.mat'), tinyMatFile({ X: [[0.1, Number.NaN]], y: [[1]], Xval: [[0.2, 0.3]], yval: [[0]] }));
  // Sparse: 300 MiB by its size, nothing on disk; refused by its size before a byte is read.
  await writeFile(join(dir.path, 'big.mat'), '');
  await truncate(join(dir.path, 'big.mat'), 300 * 2 ** 20);
  await mkdir(join(dir.path, 'notes'));
  await writeFile(join(dir.path, 'notes', 'todo.txt'), 'mine\n');
  if (process.platform !== 'win32') execFileSync('mkfifo', [join(dir.path, 'pipe.yaml')]);
});
afterAll(async () => dir.cleanup());

/** A running bin: its process, its output so far, and how it ended. */
interface Started {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly ended: Promise<{ status: number; stderr: string; stdout: string }>;
}

function start(args: readonly string[], options: { closeStdout?: boolean } = {}): Started {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir.path, env: { ...process.env, NO_COLOR: '1' } });
  const output = { stdout: '', stderr: '' };
  if (options.closeStdout === true) child.stdout.destroy();
  else child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const ended = new Promise<{ status: number; stderr: string; stdout: string }>((resolve) =>
    // 'close', not 'exit': all of stderr has been read by then.
    child.on('close', (code, signal) => resolve({ status: code ?? 128 + constants.signals[signal as NodeJS.Signals], ...output })),
  );
  return { child, output, ended };
}

/** Resolves once `test` holds for the output so far (or the process ended: the caller's expectations say why). */
async function until(started: Started, test: () => boolean): Promise<void> {
  let ended = false;
  void started.ended.then(() => (ended = true));
  while (!test() && !ended) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Every code a case below ended with, to compare with the table at the end. */
const seen = new Set<number>();

async function expectExit(args: readonly string[], status: number, stderr: RegExp | string): Promise<void> {
  const ended = await start(args).ended;
  seen.add(ended.status);
  expect({ status: ended.status, stderr: ended.stderr }).toEqual({
    status,
    stderr: typeof stderr === 'string' ? stderr : expect.stringMatching(stderr),
  });
}

describe("the exit codes of dist/lab.js are the README's table", () => {
  it('the table lists 0, 1, 2, 130 and 143', () => {
    expect(documentedCodes()).toEqual([0, 1, 2, 130, 143]);
  });

  it.each<[string, string[], RegExp]>([
    ['--version', ['--version'], /^$/],
    ['--help', ['--help'], /^$/],
    ['a run', ['train', '--config', 'ok.yaml', '--out', 'ok', '--quiet'], /^$/],
  ])('0: %s', async (_name, args, stderr) => expectExit(args, 0, stderr));

  it('0: the reader of stdout has gone (lab gradcheck | head -0)', async () => {
    const ended = await start(['gradcheck'], { closeStdout: true }).ended;
    seen.add(ended.status);
    expect({ status: ended.status, stderr: ended.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it.each<[string, string[], RegExp]>([
    ['a missing file', ['train', '--config', 'absent.yaml'], /^lab: .*absent\.yaml: the file does not exist\n$/],
    [
      '/dev/zero as data',
      ['experiment', 'regularization', '--data', '/dev/zero'],
      /^lab: \/dev\/zero: not a regular file \(a character device\)\n$/,
    ],
    ['a FIFO as config', ['train', '--config', 'pipe.yaml'], /^lab: .*pipe\.yaml: not a regular file \(a FIFO\)\n$/],
    ['a directory as data', ['experiment', 'regularization', '--data', '.'], /^lab: .*: not a regular file \(a directory\)\n$/],
    [
      'a data file over the size limit',
      ['experiment', 'regularization', '--data', 'big.mat'],
      /^lab: .*big\.mat: 300\.0 MiB \(314572800 bytes\), more than the 256\.0 MiB a MAT-file may have\n$/,
    ],
    ['invalid YAML', ['train', '--config', 'bad.yaml'], /^lab: bad\.yaml: not valid YAML: .*\n$/],
    ['an unknown YAML tag', ['train', '--config', 'tag.yaml'], /^lab: tag\.yaml: not valid YAML: Unresolved tag: .*js\/function.*\n$/],
    ['an invalid field', ['train', '--config', 'rate.yaml'], /^lab: rate\.yaml: optimizer\.learningRate: .*\n$/],
    ['a layer too wide', ['train', '--config', 'wide.yaml'], /^lab: wide\.yaml: model\.layerSizes\[1\]: .*\n$/],
    [
      'a schedule failing at a later epoch',
      ['train', '--config', 'later.yaml', '--quiet', '--out', 'later'],
      /^lab: later\.yaml: schedule: .*epoch 3.*\n$/,
    ],
    [
      'NaN in the data',
      ['train', '--config', 'nan.yaml', '--quiet', '--out', 'nan'],
      /^lab: .*nan\.mat: variable 'X': row 1, column 2: NaN, expected a finite number\n$/,
    ],
    [
      'an --out holding files lab did not write',
      ['train', '--config', 'ok.yaml', '--out', 'notes', '--quiet'],
      /^lab: .*notes: holds "todo\.txt", which lab did not write; .*\n$/,
    ],
    [
      'a worker that hangs past its deadline',
      ['sweep', '--config', 'hang.yaml', '--out', 'hang', '--workers', '1', '--quiet'],
      /^lab: trial t0000 on worker 1: did not finish within its deadline of 1 s; stopped it\n$/,
    ],
  ])('1: %s', async (_name, args, stderr) => expectExit(args, 1, stderr));

  it.each<[string, string[], RegExp]>([
    ['an unknown command', ['nonsense'], /^lab: unknown command 'nonsense'\n$/],
    ['an unknown option', ['gradcheck', '--fast'], /^lab: unknown option '--fast'\n$/],
    ['an invalid argument', ['experiment', 'regularization', '--seed', 'x'], /^lab: option '--seed <n>' argument 'x' is invalid\. .*\n$/],
    ['a missing option', ['train'], /^lab: required option '--config <file>' not specified\n$/],
    ['a worker count of 0', ['experiment', 'batchnorm', '--workers', '0'], /^lab: option '--workers <n>' argument '0' is invalid\. .*\n$/],
  ])('2: %s', async (_name, args, stderr) => expectExit(args, 2, stderr));

  it('1 for a second run into a busy --out, 130 for Ctrl-C during training, nothing written', async () => {
    const first = start(['train', '--config', 'long.yaml', '--out', 'busy']);
    await until(first, () => /^long: /m.test(first.output.stderr));
    await expectExit(
      ['train', '--config', 'ok.yaml', '--out', 'busy', '--quiet'],
      1,
      /^lab: .*busy: another lab run \(pid \d+\) is writing to this directory; .*\n$/,
    );
    first.child.kill('SIGINT');
    const ended = await first.ended;
    seen.add(ended.status);
    expect({ status: ended.status, last: ended.stderr.split('\n').at(-2) }).toEqual({ status: 130, last: 'lab: interrupted' });
    expect(existsSync(join(dir.path, 'busy'))).toBe(false);
  });

  it('143 for SIGTERM during a synchronous training (Node ends it) and while workers run (lab does)', async () => {
    const training = start(['train', '--config', 'long.yaml', '--out', 'term']);
    await until(training, () => /^long: /m.test(training.output.stderr));
    training.child.kill('SIGTERM');
    const trained = await training.ended;
    seen.add(trained.status);
    expect(trained.status).toBe(143);

    const sweep = start(['sweep', '--config', 'sweep.yaml', '--out', 'term-sweep', '--workers', '1', '--quiet']);
    const journal = join(dir.path, 'term-sweep', 'journal.jsonl');
    await until(sweep, () => existsSync(journal) && readFileSync(journal, 'utf8').includes('"type":"trial"'));
    sweep.child.kill('SIGTERM');
    const swept = await sweep.ended;
    seen.add(swept.status);
    expect({ status: swept.status, stderr: swept.stderr }).toEqual({ status: 143, stderr: 'lab: terminated\n' });
  });

  it('no case ended with a code the table does not list, and every listed code came out of one', () => {
    expect([...seen].sort((a, b) => a - b)).toEqual(documentedCodes());
  });
});
