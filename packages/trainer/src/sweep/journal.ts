import { ConfigError } from '@lab/tensor';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './param-path';
import type { SweepStudy } from './sweep-study';
import type { TrialOutcome, TrialSpec } from './trial';

/** The journal format's version, in its first line. */
export const JOURNAL_VERSION = 1;

const json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(json), z.record(z.string(), json)]),
);
const metrics = z.record(z.string(), z.number());
const trialId = z.string().regex(/^t\d{4,}$/);
const rung = z.object({ step: z.number().int().nonnegative(), metrics });

const eventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sweep'),
    version: z.literal(JOURNAL_VERSION),
    name: z.string(),
    at: z.string(),
    /** The sweep config as given, base inline: resuming needs the same. */
    config: z.record(z.string(), json),
  }),
  z.object({ type: z.literal('resume'), at: z.string() }),
  z.object({
    type: z.literal('trial'),
    at: z.string(),
    id: trialId,
    index: z.number().int().nonnegative(),
    point: z.number().int().nonnegative(),
    repeat: z.number().int().nonnegative(),
    seed: z.number().int().nonnegative(),
    params: z.record(z.string(), json),
    config: json,
  }),
  z.object({
    type: z.literal('result'),
    at: z.string(),
    id: trialId,
    metrics,
    rungs: z.array(rung),
    seconds: z.number().nonnegative(),
    worker: z.string().optional(),
    record: z.string().optional(),
  }),
  z.object({ type: z.literal('failure'), at: z.string(), id: trialId, worker: z.string().optional(), message: z.string() }),
  z.object({ type: z.literal('complete'), at: z.string(), trials: z.number().int().nonnegative() }),
]);

/**
 * One line of a sweep journal (JSONL, append-only). `sweep` opens it; `trial` says a trial was
 * handed out; `result` records its outcome (once: the journal is the single source of truth);
 * `failure` notes a trial that ended the run; `resume` and `complete` mark sessions.
 */
export type JournalEvent = z.infer<typeof eventSchema>;

/** What {@link parseJournal} makes of a journal file's text. */
export interface ParsedJournal {
  readonly events: JournalEvent[];
  /** One line per problem that was recovered from (a torn last line). */
  readonly warnings: string[];
  /** UTF-8 bytes of the complete lines: where the next append goes. */
  readonly validBytes: number;
}

/** One event as a journal line, newline included. */
export function formatJournalEvent(event: JournalEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/**
 * Parses a journal. Every line must be a known event, except the last: a last line that has no
 * newline, or does not parse, is what a crash in the middle of an append leaves (a torn write);
 * it is dropped with a warning, and `validBytes` says where the good part ends.
 * @param source - the file name, for messages
 * @throws ConfigError naming the file and line when any other line is not a journal event
 */
export function parseJournal(text: string, source = 'journal'): ParsedJournal {
  const events: JournalEvent[] = [];
  const warnings: string[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    lineNumber++;
    const end = text.indexOf('\n', offset);
    const complete = end !== -1;
    const line = text.slice(offset, complete ? end : text.length);
    const next = complete ? end + 1 : text.length;
    const isLast = next >= text.length;
    if (line.trim().length === 0 && complete) {
      offset = next;
      continue;
    }
    const event = complete ? parseEvent(line) : undefined;
    if (event === undefined || typeof event === 'string') {
      if (isLast) {
        warnings.push(`${source}: line ${lineNumber} is incomplete or garbled (a write cut short by a crash): dropped it`);
        return { events, warnings, validBytes: utf8Length(text.slice(0, offset)) };
      }
      throw new ConfigError(`${source}: line ${lineNumber}: not a journal event${typeof event === 'string' ? `: ${event}` : ''}`);
    }
    events.push(event);
    offset = next;
  }
  return { events, warnings, validBytes: utf8Length(text) };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function parseEvent(line: string): JournalEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  const result = eventSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  return `${issue.path.join('.') || '(top level)'}: ${issue.message}`;
}

/** The `sweep` line that opens a new journal. */
export function sweepEvent(study: SweepStudy, at: string): JournalEvent {
  return { type: 'sweep', version: JOURNAL_VERSION, name: study.config.name, at, config: study.config.source };
}

/** The `trial` line for a trial handed out. */
export function trialEvent(trial: TrialSpec, at: string): JournalEvent {
  const { id, index, point, repeat, seed, params, config } = trial;
  return { type: 'trial', at, id, index, point, repeat, seed, params: { ...params }, config };
}

/** The `result` line for a trial's outcome. */
export function resultEvent(id: string, outcome: TrialOutcome, at: string): JournalEvent {
  return {
    type: 'result',
    at,
    id,
    metrics: { ...outcome.metrics },
    rungs: outcome.rungs.map((r) => ({ step: r.step, metrics: { ...r.metrics } })),
    seconds: outcome.seconds,
    ...(outcome.worker === undefined ? {} : { worker: outcome.worker }),
    ...(outcome.record === undefined ? {} : { record: outcome.record }),
  };
}

/** What replaying a journal found. */
export interface ReplaySummary {
  /** Trials with a recorded result. */
  readonly finished: number;
  /** Trials handed out before whose result never came (run again on resume). */
  readonly unfinished: number;
  /** True when a `complete` line closes the journal. */
  readonly complete: boolean;
}

/**
 * Replays a journal into a fresh study: checks that it was written by the same sweep config,
 * re-plans every trial it lists (checking each against the journal) and tells the study every
 * recorded result (the first, if a result was ever recorded twice).
 * @throws ConfigError when the journal belongs to another sweep config or does not match it
 */
export function replayJournal(study: SweepStudy, events: readonly JournalEvent[], source = 'journal'): ReplaySummary {
  const header = events[0];
  if (header === undefined || header.type !== 'sweep') throw new ConfigError(`${source}: does not start with a sweep line`);
  if (canonicalJson(header.config) !== canonicalJson(study.config.source)) {
    throw new ConfigError(
      `${source}: was written by a different sweep config (${header.name}); resume with the same config, or start a new sweep in another --out`,
    );
  }
  let complete = false;
  for (const event of events.slice(1)) {
    if (event.type === 'sweep') throw new ConfigError(`${source}: a second sweep line`);
    if (event.type === 'trial') {
      try {
        study.restore(event);
      } catch (error) {
        throw new ConfigError(`${source}: ${(error as Error).message.replace(/^journal: /, '')}`);
      }
    } else if (event.type === 'result') {
      if (study.trial(event.id) === undefined) throw new ConfigError(`${source}: a result for trial ${event.id}, which was never planned`);
      const { metrics: m, rungs, seconds, worker, record } = event;
      study.tell(event.id, { metrics: m, rungs, seconds, worker, record });
    } else if (event.type === 'complete') complete = true;
  }
  const finished = study.toldCount();
  return { finished, unfinished: study.plannedTrials().length - finished, complete };
}
