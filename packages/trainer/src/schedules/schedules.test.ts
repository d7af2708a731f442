import { ConfigError } from '@lab/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConstantSchedule } from './constant';
import { createSchedule, loadSchedule, type ScheduleSpec } from './create-schedule';
import { ExponentialDecay } from './exponential-decay';
import { type ExpressionParser, loadExpressionParser } from './expression-parser';
import { ExpressionSchedule } from './expression-schedule';
import { InverseTimeDecay } from './inverse-time-decay';
import { StepDecay } from './step-decay';

let parser: ExpressionParser;
beforeAll(async () => {
  parser = await loadExpressionParser();
});

const at = (schedule: { learningRate(epoch: number, iteration: number): number }, epochs: number[]) =>
  epochs.map((epoch) => schedule.learningRate(epoch, epoch * 10));

describe('built-in schedules', () => {
  it('constant: the same rate at every epoch', () => {
    expect(at(new ConstantSchedule({ learningRate: 0.3 }), [0, 1, 29999])).toEqual([0.3, 0.3, 0.3]);
  });

  it('step: drops by the factor every k epochs', () => {
    const schedule = new StepDecay({ learningRate: 0.1, dropFactor: 0.5, epochsPerDrop: 10 });
    expect(at(schedule, [0, 9, 10, 19, 20, 35])).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.1 * 0.125]);
  });

  it('exponential: lr0·decayRate^epoch', () => {
    const schedule = new ExponentialDecay({ learningRate: 0.2, decayRate: 0.5 });
    expect(at(schedule, [0, 1, 2, 10])).toEqual([0.2, 0.1, 0.05, 0.2 / 1024]);
  });

  it("inverse-time: the course's lr0 / (1 + decayRate·floor(epoch / timeInterval))", () => {
    const schedule = new InverseTimeDecay({ learningRate: 0.5, decayRate: 0.3, timeInterval: 100 });
    // As in the course notebook: learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    expect(at(schedule, [0, 99, 100, 250, 1000])).toEqual([0.5, 0.5, 0.5 / 1.3, 0.5 / 1.6, 0.5 / 4]);
    expect(new InverseTimeDecay({ learningRate: 0.5, decayRate: 1 }).learningRate(1999, 0)).toBe(0.25); // default interval 1000
    expect(new InverseTimeDecay({ learningRate: 1, decayRate: 1, timeInterval: 1 }).learningRate(3, 0)).toBe(0.25);
  });

  it('describe() is one line whose formula mathjs evaluates to the same values', () => {
    const specs: ScheduleSpec[] = [
      { kind: 'constant', learningRate: 0.3 },
      { kind: 'step', learningRate: 0.1, dropFactor: 0.5, epochsPerDrop: 10 },
      { kind: 'exponential', learningRate: 0.2, decayRate: 0.95 },
      { kind: 'inverse-time', learningRate: 0.5, decayRate: 0.3, timeInterval: 100 },
    ];
    for (const spec of specs) {
      const schedule = createSchedule(spec);
      const [kind, formula] = schedule.describe().split(': ');
      expect(kind).toBe(spec.kind);
      const crossCheck = new ExpressionSchedule({ expression: formula }, parser);
      for (const epoch of [0, 7, 10, 123, 1000]) expect(crossCheck.learningRate(epoch, 0)).toBe(schedule.learningRate(epoch, 0));
    }
  });

  it('rejects bad hyperparameters and bad arguments with the value', () => {
    expect(() => new ConstantSchedule({ learningRate: 0 })).toThrow(ConfigError);
    expect(() => new ConstantSchedule({ learningRate: 0 })).toThrow('ConstantSchedule: learningRate must be > 0, got 0');
    expect(() => new StepDecay({ learningRate: 0.1, dropFactor: 2, epochsPerDrop: 10 })).toThrow(
      'StepDecay: dropFactor must be in (0, 1], got 2',
    );
    expect(() => new StepDecay({ learningRate: 0.1, dropFactor: 0.5, epochsPerDrop: 2.5 })).toThrow(
      'StepDecay: epochsPerDrop must be an integer >= 1, got 2.5',
    );
    expect(() => new ExponentialDecay({ learningRate: 0.1, decayRate: 0 })).toThrow('ExponentialDecay: decayRate must be in (0, 1], got 0');
    expect(() => new InverseTimeDecay({ learningRate: 0.1, decayRate: -1 })).toThrow('InverseTimeDecay: decayRate must be >= 0, got -1');
    expect(() => new InverseTimeDecay({ learningRate: 0.1, decayRate: 1, timeInterval: 0 })).toThrow(
      'InverseTimeDecay: timeInterval must be > 0, got 0',
    );
    expect(() => new ConstantSchedule({ learningRate: 0.1 }).learningRate(-1, 0)).toThrow(
      'ConstantSchedule.learningRate: epoch must be >= 0, got -1',
    );
    expect(() => new ConstantSchedule({ learningRate: 0.1 }).learningRate(0, Number.NaN)).toThrow(
      'ConstantSchedule.learningRate: iteration must be >= 0, got NaN',
    );
  });
});

describe('ExpressionSchedule', () => {
  it('evaluates a step decay written as a formula at several epochs', async () => {
    const schedule = await loadSchedule({ kind: 'expression', expression: '0.3 * 0.95 ^ floor(epoch / 1000)' });
    expect(at(schedule, [0, 999, 1000, 2500, 29999])).toEqual([0.3, 0.3, 0.3 * 0.95, 0.3 * 0.95 ** 2, 0.3 * 0.95 ** 29]);
    expect(schedule.describe()).toBe('expression: 0.3 * 0.95 ^ floor(epoch / 1000)');
  });

  it('uses iteration, lr0, conditionals and the allowed functions', () => {
    const warmup = new ExpressionSchedule({ expression: 'lr0 * min(1, (iteration + 1) / 100)', learningRate: 0.1 }, parser);
    expect([warmup.learningRate(0, 0), warmup.learningRate(0, 49), warmup.learningRate(3, 500)]).toEqual([0.001, 0.05, 0.1]);
    expect(warmup.describe()).toBe('expression: lr0 * min(1, (iteration + 1) / 100) (lr0 = 0.1)');
    const piecewise = new ExpressionSchedule({ expression: 'epoch < 10 ? 0.1 : 0.01 * exp(-(epoch - 10) / 20)' }, parser);
    expect([piecewise.learningRate(9, 0), piecewise.learningRate(10, 0), piecewise.learningRate(30, 0)]).toEqual([
      0.1,
      0.01,
      0.01 * Math.exp(-1),
    ]);
  });

  it('rejects bad expressions up front, naming the expression and the problem', () => {
    const error = (expression: string, learningRate?: number) => {
      try {
        new ExpressionSchedule({ expression, learningRate }, parser);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(error('0.3 * (')).toBe('ExpressionSchedule: "0.3 * (": parse error: Unexpected end of expression (char 8)');
    expect(error('0.3 * rate')).toBe(
      'ExpressionSchedule: "0.3 * rate": unknown variable rate (use epoch, iteration, lr0; constants pi, e)',
    );
    expect(error('0.3 * cosh(epoch)')).toMatch(/^ExpressionSchedule: "0\.3 \* cosh\(epoch\)": unknown function cosh\(\) \(allowed: abs, /);
    expect(error('lr0 * 0.5')).toBe('ExpressionSchedule: "lr0 * 0.5": uses lr0 but no learningRate was given');
    expect(error('0.1 - 0.2')).toBe(
      'ExpressionSchedule: "0.1 - 0.2": gives -0.1 at epoch 0, iteration 0; a learning rate must be a finite number > 0',
    );
    expect(error('1 / epoch')).toBe(
      'ExpressionSchedule: "1 / epoch": gives Infinity at epoch 0, iteration 0; a learning rate must be a finite number > 0',
    );
    expect(error('epoch > 1')).toMatch(/gives false at epoch 0/);
    expect(error('x = 0.1')).toBe('ExpressionSchedule: "x = 0.1": assignment is not allowed in a schedule');
    expect(error('[0.1, 0.2][1]')).toMatch(/"\[0\.1, 0\.2\]\[1\]": indexing is not allowed|property or index access is not allowed/);
    expect(error('3!')).toBe('ExpressionSchedule: "3!": operator ! is not allowed in a schedule');
    expect(error('"0.1"')).toBe('ExpressionSchedule: "\\"0.1\\"": the constant "0.1" is not a number');
    expect(error('0.1 * sqrt(epoch - 1)')).toMatch(/gives a Complex at epoch 0/);
    expect(() => new ExpressionSchedule({ expression: '  ' }, parser)).toThrow(
      'ExpressionSchedule: expression must be a non-empty string, got "  "',
    );
  });

  it('throws at run time when the value stops being a positive number, naming the epoch', () => {
    const schedule = new ExpressionSchedule({ expression: '0.1 - 0.01 * epoch' }, parser);
    expect(schedule.learningRate(9, 0)).toBeCloseTo(0.01, 15);
    expect(() => schedule.learningRate(10, 0)).toThrow(
      'ExpressionSchedule: "0.1 - 0.01 * epoch": gives 0 at epoch 10, iteration 0; a learning rate must be a finite number > 0',
    );
  });
});

describe('createSchedule', () => {
  it('rejects unknown kinds and fields of another kind', () => {
    expect(() => createSchedule({ kind: 'cosine', learningRate: 0.1 } as unknown as ScheduleSpec)).toThrow(
      "createSchedule: kind must be one of 'constant', 'step', 'exponential', 'inverse-time', 'expression', got \"cosine\"",
    );
    expect(() =>
      createSchedule({ kind: 'step', learningRate: 0.1, dropFactor: 0.5, epochsPerDrop: 5, decayRate: 0.9 } as ScheduleSpec),
    ).toThrow('createSchedule: decayRate does not apply to step (it takes learningRate, dropFactor, epochsPerDrop)');
    expect(createSchedule({ kind: 'constant', learningRate: 0.3, decayRate: undefined } as ScheduleSpec).learningRate(5, 5)).toBe(0.3);
  });
});
