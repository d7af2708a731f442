import { ConfigError } from '@lab/tensor';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { FakeStream } from '../test/helpers/run-cli';
import { handleError } from './handle-error';

describe('handleError', () => {
  it('prints a LabError as one line and exits 1', () => {
    const stderr = new FakeStream();
    expect(handleError(new ConfigError('run.yaml: seed: expected number'), stderr, false)).toBe(1);
    expect(stderr.text).toBe('lab: run.yaml: seed: expected number\n');
  });

  it('keeps a message with control characters on one line, escaped', () => {
    const stderr = new FakeStream();
    expect(handleError(new ConfigError('/tmp/a\nb\u001b[2J.mat: the file does not exist'), stderr, false)).toBe(1);
    expect(stderr.text).toBe('lab: /tmp/a\\nb\\u001b[2J.mat: the file does not exist\n');
  });

  it('adds the stack of a LabError with --debug', () => {
    const stderr = new FakeStream();
    expect(handleError(new ConfigError('bad'), stderr, true)).toBe(1);
    expect(stderr.text).toMatch(/^lab: bad\nConfigError: bad\n\s+at /);
  });

  it('keeps the stack trace of anything else: a bug in lab', () => {
    const stderr = new FakeStream();
    expect(handleError(new TypeError('x is undefined'), stderr, false)).toBe(1);
    expect(stderr.text).toMatch(/^lab: internal error .*\nTypeError: x is undefined\n\s+at /);
  });

  it('maps commander usage errors to 2, and help or version to 0, printing nothing more', () => {
    const stderr = new FakeStream();
    expect(handleError(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"), stderr, false)).toBe(2);
    expect(handleError(new CommanderError(0, 'commander.version', '0.1.0'), stderr, false)).toBe(0);
    expect(stderr.text).toBe('');
  });
});
