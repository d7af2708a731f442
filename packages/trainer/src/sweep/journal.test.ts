import { describe, expect, it } from 'vitest';
import { BASE } from '../../test/fixtures/sweep-base';
import { formatJournalEvent, type JournalEvent, parseJournal, replayJournal, resultEvent, sweepEvent, trialEvent } from './journal';
import { parseSweepConfig } from './sweep-config';
import { SweepStudy } from './sweep-study';
import type { TrialSpec } from './trial';

const input = {
  name: 'l2',
  base: BASE,
  parameters: { 'model.l2': [0, 0.1, 0.7] },
  repeats: 2,
  metric: { name: 'testAccuracy', goal: 'maximize' },
};
const AT = '2025-01-01T00:00:00.000Z';

/** A journal of a run that handed out 4 trials and finished t0000 and t0002, then crashed. */
function crashedJournal(): string {
  const s = new SweepStudy(parseSweepConfig(input));
  const events: JournalEvent[] = [sweepEvent(s, AT)];
  const trials: TrialSpec[] = [];
  for (let i = 0; i < 4; i++) {
    const a = s.ask();
    if (a.kind !== 'trial') throw new Error('expected a trial');
    trials.push(a.trial);
    events.push(trialEvent(a.trial, AT));
  }
  events.push(resultEvent('t0002', { metrics: { testAccuracy: 0.9 }, rungs: [], seconds: 1, worker: 'thread 1' }, AT));
  events.push(resultEvent('t0000', { metrics: { testAccuracy: 0.8 }, rungs: [], seconds: 1 }, AT));
  return events.map(formatJournalEvent).join('');
}

describe('parseJournal', () => {
  it('reads every line back', () => {
    const text = crashedJournal();
    const parsed = parseJournal(text);
    expect(parsed.events.map((e) => e.type)).toEqual(['sweep', 'trial', 'trial', 'trial', 'trial', 'result', 'result']);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.validBytes).toBe(Buffer.byteLength(text));
  });

  it('drops a torn last line with a warning, and says where the good part ends', () => {
    const text = crashedJournal();
    const torn = `${text}{"type":"result","at":"${AT}","id":"t00`;
    const parsed = parseJournal(torn, 'journal.jsonl');
    expect(parsed.events).toHaveLength(7);
    expect(parsed.warnings).toEqual(['journal.jsonl: line 8 is incomplete or garbled (a write cut short by a crash): dropped it']);
    expect(parsed.validBytes).toBe(Buffer.byteLength(text));
    // A last line of garbage that did get its newline (a file system that zero-filled the tail).
    expect(parseJournal(`${text}\u0000\u0000\u0000\n`).warnings).toHaveLength(1);
    // Lengths are bytes, not characters.
    const named = crashedJournal().replace('"name":"l2"', '"name":"λ-sweep"');
    expect(parseJournal(`${named}{"ty`).validBytes).toBe(Buffer.byteLength(named));
  });

  it('refuses a bad line anywhere but at the end, naming it', () => {
    const lines = crashedJournal().split('\n');
    lines[2] = '{"type":"trial","id":"t0001"}';
    expect(() => parseJournal(lines.join('\n'), 'j.jsonl')).toThrow(/^j\.jsonl: line 3: not a journal event: /);
    lines[2] = 'garbage';
    expect(() => parseJournal(lines.join('\n'), 'j.jsonl')).toThrow(/^j\.jsonl: line 3: not a journal event: not JSON$/);
  });
});

describe('replayJournal', () => {
  it('resumes with the unfinished trials first, then the rest, never a finished one', () => {
    const s = new SweepStudy(parseSweepConfig(input));
    const summary = replayJournal(s, parseJournal(crashedJournal()).events);
    expect(summary).toEqual({ finished: 2, unfinished: 2, complete: false });
    const asked: string[] = [];
    for (let a = s.ask(); a.kind === 'trial'; a = s.ask()) asked.push(a.trial.id);
    expect(asked).toEqual(['t0001', 't0003', 't0004', 't0005']);
    expect(s.result('t0002')?.metrics).toEqual({ testAccuracy: 0.9 });
    expect(s.result('t0002')?.worker).toBe('thread 1');
  });

  it('refuses a journal written by another sweep config', () => {
    const other = new SweepStudy(parseSweepConfig({ ...input, parameters: { 'model.l2': [0, 0.2, 0.7] } }));
    expect(() => replayJournal(other, parseJournal(crashedJournal()).events, 'j.jsonl')).toThrow(
      /^j\.jsonl: was written by a different sweep config \(l2\)/,
    );
  });

  it('refuses a journal whose trials do not match the config', () => {
    const text = crashedJournal().replace('"params":{"model.l2":0.1}', '"params":{"model.l2":0.2}');
    expect(() => replayJournal(new SweepStudy(parseSweepConfig(input)), parseJournal(text).events, 'j.jsonl')).toThrow(
      /^j\.jsonl: trial t0002 ran with \{"model.l2":0.2\} and seed 3, this config plans \{"model.l2":0.1\} and seed 3/,
    );
  });

  it('keeps the first of two results for one trial', () => {
    const text = `${crashedJournal()}${formatJournalEvent(resultEvent('t0002', { metrics: { testAccuracy: 0.1 }, rungs: [], seconds: 1 }, AT))}`;
    const s = new SweepStudy(parseSweepConfig(input));
    expect(replayJournal(s, parseJournal(text).events).finished).toBe(2);
    expect(s.result('t0002')?.metrics.testAccuracy).toBe(0.9);
  });
});
