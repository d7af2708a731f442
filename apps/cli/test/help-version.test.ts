import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('lab --help and --version', () => {
  it('lists the commands and the global options', async () => {
    const { code, stdout, stderr } = await runCli(['--help'], '/');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: lab \[options\] \[command\]/);
    for (const command of ['experiment', 'train', 'report', 'gradcheck']) expect(stdout).toContain(`  ${command} `);
    expect(stdout).toContain('--debug');
    expect(stdout).toContain('--version');
  });

  it.each([
    [['experiment', '--help'], 'Usage: lab experiment [options] [command]', 'regularization'],
    [['experiment', 'regularization', '--help'], 'Usage: lab experiment regularization [options]', '--data <file.mat>'],
    [['experiment', 'initialization', '--help'], 'Usage: lab experiment initialization [options]', '--iterations <n>'],
    [['experiment', 'optimization', '--help'], 'Usage: lab experiment optimization [options]', '--epochs <n>'],
    [['train', '--help'], 'Usage: lab train [options]', '--config <file>'],
    [['report', '--help'], 'Usage: lab report [options] <run.json>', '--out <dir>'],
    [['gradcheck', '--help'], 'Usage: lab gradcheck [options]', '--json'],
    [['help', 'train'], 'Usage: lab train [options]', '--quiet'],
  ])('%j prints its usage', async (argv, usage, option) => {
    const { code, stdout } = await runCli(argv, '/');
    expect(code).toBe(0);
    expect(stdout.startsWith(usage)).toBe(true);
    expect(stdout).toContain(option);
  });

  it.each([
    [['--version']],
    [['-V']],
    [['experiment', '--version']],
    [['experiment', 'regularization', '--version']],
    [['train', '--version']],
    [['report', '--version']],
    [['gradcheck', '--version']],
  ])('%j prints the version from package.json', async (argv) => {
    const { code, stdout, stderr } = await runCli(argv, '/');
    expect(code).toBe(0);
    expect(stdout).toBe(`${VERSION}\n`);
    expect(stderr).toBe('');
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate'], "lab: unknown command 'frobnicate'"],
    [['experiment', 'regularisation'], "lab: unknown command 'regularisation'"],
    [['experiment', 'regularization', '--bogus'], "lab: unknown option '--bogus'"],
    [
      ['experiment', 'regularization', '--seed', 'three'],
      "lab: option '--seed <n>' argument 'three' is invalid. expected an integer from 0 to 4294967295.",
    ],
    [
      ['experiment', 'regularization', '--iterations', '0'],
      "lab: option '--iterations <n>' argument '0' is invalid. expected an integer >= 1.",
    ],
    [['experiment', 'optimization', '--epochs', '-3'], "lab: option '--epochs <n>' argument '-3' is invalid. expected an integer >= 1."],
    [['train'], "lab: required option '--config <file>' not specified"],
    [['report'], "lab: missing required argument 'run.json'"],
  ])('%j exits 2 with one line on stderr', async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv, '/');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.startsWith(message)).toBe(true);
  });

  it('suggests the command meant, on the same line', async () => {
    const { stderr } = await runCli(['gradchek'], '/');
    expect(stderr).toBe("lab: unknown command 'gradchek' (Did you mean gradcheck?)\n");
  });

  it('shows the help on stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await runCli([], '/');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: lab /);
  });
});
