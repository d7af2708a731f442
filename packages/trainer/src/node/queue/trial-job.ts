import { z } from 'zod';
import type { TrialOutcome } from '../../sweep/trial';

/** The name of the BullMQ queue sweeps and workers share, unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'lab-trials';
/** Longest deadline a job may ask for: a week. */
export const MAX_JOB_DEADLINE_SECONDS = 7 * 24 * 3600;

const trialId = z.string().regex(/^t\d{4,9}$/);
const metrics = z.record(z.string().max(64), z.number()).refine((m) => Object.keys(m).length <= 64, 'too many metrics');
const rung = z.object({ step: z.number().int().min(1).max(1e12), metrics }).strict();

/**
 * A job on the queue: one trial. Workers treat it as untrusted input: this schema, then the
 * run config's own (`parseRunConfig`, bounded) — data, never code; data paths confined to the
 * worker's data folder.
 */
export const trialJobSchema = z
  .object({
    v: z.literal(1),
    /** The sweep's id: job ids and stop keys start with it. */
    sweep: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    trial: z
      .object({
        id: trialId,
        /** A run config, checked by the worker with `lab train`'s schema. */
        config: z.unknown(),
        rungs: z
          .discriminatedUnion('kind', [
            z
              .object({ kind: z.literal('linear'), first: z.number().int().min(1).max(1e12), interval: z.number().int().min(1).max(1e12) })
              .strict(),
            z
              .object({ kind: z.literal('geometric'), first: z.number().int().min(1).max(1e12), factor: z.number().int().min(2).max(16) })
              .strict(),
          ])
          .optional(),
        deadlineSeconds: z.number().positive().max(MAX_JOB_DEADLINE_SECONDS),
      })
      .strict(),
  })
  .strict();

export type TrialJob = z.infer<typeof trialJobSchema>;

/** What a worker returns for a job (BullMQ's return value); checked by the coordinator too. */
export const trialJobResultSchema = z
  .object({
    metrics,
    rungs: z.array(rung).max(10_000),
    seconds: z.number().nonnegative(),
    worker: z.string().max(200),
    runRecord: z.unknown(),
  })
  .strict();

export interface TrialJobResult extends TrialOutcome {
  readonly worker: string;
}

/** A rung a worker reports through the job's progress. */
export const rungProgressSchema = z.object({ rung }).strict();

/** Text from another machine, fit for one terminal line: control characters dropped, at most 300 characters. */
export function oneLine(text: string): string {
  const clean = [...(text.split('\n', 1)[0] ?? '')].filter((c) => c >= ' ' && c !== '\u007f').join('');
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}
