import { describe, expect, it } from 'vitest';
import { FakeStream } from '../../test/helpers/run-cli';
import { progressModeFor } from './progress-mode';

describe('progressModeFor', () => {
  const tty = new FakeStream({ isTTY: true });
  const pipe = new FakeStream();

  it('draws a live bar on a terminal and plain lines elsewhere', () => {
    expect(progressModeFor(tty, {}, {})).toBe('live');
    expect(progressModeFor(pipe, {}, {})).toBe('lines');
    expect(progressModeFor(tty, { TERM: 'dumb' }, {})).toBe('lines');
  });

  it('is off with --quiet or --json', () => {
    expect(progressModeFor(tty, {}, { quiet: true })).toBe('off');
    expect(progressModeFor(pipe, {}, { json: true })).toBe('off');
  });
});
