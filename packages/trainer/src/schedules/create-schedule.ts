import { ConfigError } from '@lab/tensor';
import { describeValue, isRecord } from '../internal/validate';
import { ConstantSchedule, type ConstantScheduleOptions } from './constant';
import { ExponentialDecay, type ExponentialDecayOptions } from './exponential-decay';
import { type ExpressionParser, loadExpressionParser } from './expression-parser';
import { ExpressionSchedule, type ExpressionScheduleOptions } from './expression-schedule';
import type { Schedule } from './index';
import { InverseTimeDecay, type InverseTimeDecayOptions } from './inverse-time-decay';
import { StepDecay, type StepDecayOptions } from './step-decay';

/** A plain description of a schedule, as a run config holds it. `learningRate` is lr0. */
export type ScheduleSpec =
  | ({ readonly kind: 'constant' } & ConstantScheduleOptions)
  | ({ readonly kind: 'step' } & StepDecayOptions)
  | ({ readonly kind: 'exponential' } & ExponentialDecayOptions)
  | ({ readonly kind: 'inverse-time' } & InverseTimeDecayOptions)
  | ({ readonly kind: 'expression' } & ExpressionScheduleOptions);

const FIELDS: Readonly<Record<ScheduleSpec['kind'], readonly string[]>> = {
  constant: ['learningRate'],
  step: ['learningRate', 'dropFactor', 'epochsPerDrop'],
  exponential: ['learningRate', 'decayRate'],
  'inverse-time': ['learningRate', 'decayRate', 'timeInterval'],
  expression: ['expression', 'learningRate'],
};

/** Options of {@link createSchedule}. */
export interface CreateScheduleOptions {
  /** mathjs's parser, from {@link loadExpressionParser}: required for an `expression` spec, unused otherwise. */
  readonly expressionParser?: ExpressionParser;
}

/**
 * Builds a schedule from a plain spec, e.g. `{ kind: 'exponential', learningRate: 0.1, decayRate: 0.95 }`
 * or `{ kind: 'expression', expression: '0.3 * 0.95 ^ floor(epoch / 1000)' }` (with
 * `{ expressionParser: await loadExpressionParser() }`; {@link loadSchedule} does that for you).
 * Fields set to `undefined` count as absent.
 * @throws ConfigError for an unknown kind, a field the kind does not take
 *   (`createSchedule: decayRate does not apply to step (it takes learningRate, dropFactor, epochsPerDrop)`),
 *   an expression spec without a parser, or the schedule's own validation errors
 */
export function createSchedule(spec: ScheduleSpec, options: CreateScheduleOptions = {}): Schedule {
  if (!isRecord(spec)) throw new ConfigError(`createSchedule: spec must be an object, got ${describeValue(spec)}`);
  const kind = spec.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) {
    throw new ConfigError(
      `createSchedule: kind must be one of 'constant', 'step', 'exponential', 'inverse-time', 'expression', got ${describeValue(kind)}`,
    );
  }
  const fields = FIELDS[kind];
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'kind' || value === undefined || fields.includes(key)) continue;
    throw new ConfigError(`createSchedule: ${key} does not apply to ${kind} (it takes ${fields.join(', ')})`);
  }
  switch (spec.kind) {
    case 'constant':
      return new ConstantSchedule(spec);
    case 'step':
      return new StepDecay(spec);
    case 'exponential':
      return new ExponentialDecay(spec);
    case 'inverse-time':
      return new InverseTimeDecay(spec);
    case 'expression':
      if (options.expressionParser === undefined) {
        throw new ConfigError(
          'createSchedule: an expression schedule needs mathjs: pass { expressionParser: await loadExpressionParser() }, or use loadSchedule(spec)',
        );
      }
      return new ExpressionSchedule(spec, options.expressionParser);
  }
}

/**
 * {@link createSchedule}, loading mathjs first when (and only when) the spec is an expression.
 * @throws ConfigError as createSchedule
 */
export async function loadSchedule(spec: ScheduleSpec): Promise<Schedule> {
  const expressionParser = isRecord(spec) && spec.kind === 'expression' ? await loadExpressionParser() : undefined;
  return createSchedule(spec, { expressionParser });
}
