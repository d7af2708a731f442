import { ConfigError } from '@lab/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConstantSchedule } from './constant';
import { createSchedule, loadSchedule } from './create-schedule';
import { ExponentialDecay } from './exponential-decay';
import { type ExpressionParser, loadExpressionParser } from './expression-parser';
import { EXPRESSION_LIMITS, ExpressionSchedule } from './expression-schedule';
import { InverseTimeDecay } from './inverse-time-decay';
import { StepDecay } from './step-decay';

let parser: ExpressionParser;
beforeAll(async () => {
  parser = await loadExpressionParser();
});

/** The ConfigError that `f` throws, checked to be one line. */
function configError(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a ConfigError, got none');
}

describe('expression size and depth are bounded', () => {
  it('refuses a 200 000-term sum in one short line, before parsing', () => {
    const expression = Array.from({ length: 200_000 }, () => '0.00001').join(' + ');
    const message = configError(() => new ExpressionSchedule({ expression }, parser));
    expect(message).toBe(
      `ExpressionSchedule: "${expression.slice(0, 60)}…" (${expression.length} characters): is ${expression.length} characters long; a schedule may have at most 1000`,
    );
    expect(message.length).toBeLessThan(200);
  });

  it('accepts a formula of exactly the maximum length', () => {
    // 125 terms of 0.001 take 125·5 + 124·3 = 997 characters; three trailing zeros make 1000.
    const terms = 125;
    const expression = `${Array.from({ length: terms }, () => '0.001').join(' + ')}000`;
    expect(expression).toHaveLength(EXPRESSION_LIMITS.maxLength);
    expect(new ExpressionSchedule({ expression }, parser).learningRate(0, 0)).toBeCloseTo(terms * 0.001, 12);
  });

  it('refuses brackets nested deeper than the limit, and a tree deeper than the limit', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}0.1${')'.repeat(depth)}`;
    expect(new ExpressionSchedule({ expression: nested(32) }, parser).learningRate(0, 0)).toBe(0.1);
    expect(configError(() => new ExpressionSchedule({ expression: nested(33) }, parser))).toMatch(
      /: nests brackets 33 deep; a schedule may nest at most 32$/,
    );
    // 300 unary minus signs: short, bracket-free, and 301 levels deep.
    expect(configError(() => new ExpressionSchedule({ expression: `${'-'.repeat(300)}0.1` }, parser))).toMatch(
      /: is nested more than 250 levels deep; simplify the formula$/,
    );
    expect(new ExpressionSchedule({ expression: `${'-'.repeat(248)}0.1` }, parser).learningRate(0, 0)).toBe(0.1);
  });
});

describe('the expression is evaluated safely at every step', () => {
  it('a formula that fails only at a later epoch: one line naming the expression and the epoch, not a mathjs TypeError', () => {
    const schedule = new ExpressionSchedule({ expression: 'epoch > 2 ? max() : 0.01' }, parser);
    expect(schedule.learningRate(2, 2)).toBe(0.01);
    expect(configError(() => schedule.learningRate(3, 3))).toBe(
      'ExpressionSchedule: "epoch > 2 ? max() : 0.01": cannot be evaluated at epoch 3, iteration 3: Too few arguments in function max (expected: any, index: 0)',
    );
  });

  it('checkRun finds that epoch up front, over the whole run', () => {
    const schedule = new ExpressionSchedule({ expression: 'epoch > 2 ? max() : 0.01' }, parser);
    expect(() => schedule.checkRun({ numIterations: 3, batchesPerEpoch: 1 })).not.toThrow();
    expect(configError(() => schedule.checkRun({ numIterations: 4, batchesPerEpoch: 1 }))).toMatch(
      /^ExpressionSchedule: "epoch > 2 \? max\(\) : 0\.01": cannot be evaluated at epoch 3, iteration 3: /,
    );
    // Ten batches per epoch: the first step of epoch 3 is iteration 30.
    expect(configError(() => schedule.checkRun({ numIterations: 31, batchesPerEpoch: 10 }))).toMatch(/ at epoch 3, iteration 30: /);
    // A resumed run that starts after the bad epochs… there are none after 3, so from 0 it fails, from 40 it fails too.
    expect(configError(() => schedule.checkRun({ startIteration: 40, numIterations: 41, batchesPerEpoch: 10 }))).toMatch(
      / at epoch 4, iteration 40: /,
    );
  });

  it('checkRun follows iterations when the formula uses them', () => {
    const schedule = new ExpressionSchedule({ expression: 'iteration < 25 ? 0.1 : log(25 - iteration)' }, parser);
    expect(() => schedule.checkRun({ numIterations: 25, batchesPerEpoch: 10 })).not.toThrow();
    expect(configError(() => schedule.checkRun({ numIterations: 26, batchesPerEpoch: 10 }))).toBe(
      'ExpressionSchedule: "iteration < 25 ? 0.1 : log(25 - iteration)": gives -Infinity at epoch 2, iteration 25; a learning rate must be a finite number > 0',
    );
  });

  it('after checkRun, training reads the checked rates, which equal a fresh evaluation', () => {
    const expression = '0.3 * 0.95 ^ floor(epoch / 10) + 0.001 * iteration / (epoch + 1)';
    const checked = new ExpressionSchedule({ expression }, parser);
    checked.checkRun({ numIterations: 300, batchesPerEpoch: 7 });
    const fresh = new ExpressionSchedule({ expression }, parser);
    for (let iteration = 0; iteration < 300; iteration++) {
      const epoch = Math.floor(iteration / 7);
      const want = 0.3 * 0.95 ** Math.floor(epoch / 10) + (0.001 * iteration) / (epoch + 1);
      expect(checked.learningRate(epoch, iteration)).toBe(fresh.learningRate(epoch, iteration));
      expect(checked.learningRate(epoch, iteration)).toBeCloseTo(want, 14);
    }
    // Outside the checked run (another epoch for the same iteration, or later steps) it evaluates.
    expect(checked.learningRate(0, 20)).toBeCloseTo(0.3 + 0.02, 14);
    expect(checked.learningRate(100, 700)).toBeCloseTo(0.3 * 0.95 ** 10 + 0.7 / 101, 14);
  });

  it('a run too long to check cheaply is still checked at every step as it trains', () => {
    const schedule = new ExpressionSchedule({ expression: 'epoch < 150000 ? 0.1 : max()' }, parser);
    const run = { numIterations: EXPRESSION_LIMITS.maxCheckedSteps * 2, batchesPerEpoch: 1 };
    expect(() => schedule.checkRun(run)).not.toThrow();
    expect(schedule.learningRate(149_999, 149_999)).toBe(0.1);
    expect(configError(() => schedule.learningRate(150_000, 150_000))).toMatch(/ at epoch 150000, iteration 150000: /);
  });

  it('checkRun refuses a malformed run description', () => {
    const schedule = new ExpressionSchedule({ expression: '0.1' }, parser);
    expect(configError(() => schedule.checkRun({ numIterations: 10, batchesPerEpoch: 0 }))).toBe(
      'ExpressionSchedule.checkRun: batchesPerEpoch must be an integer >= 1, got 0',
    );
    expect(configError(() => schedule.checkRun({ startIteration: 11, numIterations: 10, batchesPerEpoch: 1 }))).toBe(
      'ExpressionSchedule.checkRun: startIteration 11 is past numIterations 10',
    );
  });
});

describe('closed-form schedules check their run too', () => {
  it('an exponential decay that underflows to 0 names the first epoch at 0', () => {
    const schedule = new ExponentialDecay({ learningRate: 0.1, decayRate: 0.5 });
    let firstZero = 0;
    while (0.1 * 0.5 ** firstZero > 0) firstZero++;
    expect(() => schedule.checkRun({ numIterations: firstZero, batchesPerEpoch: 1 })).not.toThrow();
    expect(configError(() => schedule.checkRun({ numIterations: 2000, batchesPerEpoch: 1 }))).toBe(
      `ExponentialDecay: 0.1 * 0.5 ^ epoch reaches 0 at epoch ${firstZero} (the run ends in epoch 1999); a learning rate must be > 0: decay more slowly or train for fewer epochs`,
    );
  });

  it('step and inverse-time decays too; a constant rate never fails', () => {
    const step = new StepDecay({ learningRate: 1e-300, dropFactor: 1e-10, epochsPerDrop: 5 });
    let drops = 0;
    while (1e-300 * 1e-10 ** drops > 0) drops++; // subnormals are still > 0
    expect(configError(() => step.checkRun({ numIterations: 1000, batchesPerEpoch: 2 }))).toMatch(
      new RegExp(`^StepDecay: 1e-300 \\* 1e-10 \\^ floor\\(epoch / 5\\) reaches 0 at epoch ${5 * drops} \\(the run ends in epoch 499\\)`),
    );
    const inverse = new InverseTimeDecay({ learningRate: 1e-300, decayRate: 1e300, timeInterval: 1 });
    expect(configError(() => inverse.checkRun({ numIterations: 5, batchesPerEpoch: 1 }))).toMatch(
      /^InverseTimeDecay: .* reaches 0 at epoch 1 \(the run ends in epoch 4\)/,
    );
    expect(() => new ConstantSchedule({ learningRate: 1e-300 }).checkRun({ numIterations: 1e9, batchesPerEpoch: 1 })).not.toThrow();
  });
});

describe('mathjs is loaded only for expression schedules', () => {
  it('createSchedule builds an expression schedule only with the parser, and says how to get it', async () => {
    expect(configError(() => createSchedule({ kind: 'expression', expression: '0.1' }))).toBe(
      'createSchedule: an expression schedule needs mathjs: pass { expressionParser: await loadExpressionParser() }, or use loadSchedule(spec)',
    );
    expect(createSchedule({ kind: 'expression', expression: '0.1' }, { expressionParser: parser }).learningRate(0, 0)).toBe(0.1);
    expect((await loadSchedule({ kind: 'expression', expression: '2 * 0.05' })).learningRate(4, 4)).toBe(0.1);
    expect((await ExpressionSchedule.load({ expression: 'lr0 / 2', learningRate: 0.2 })).learningRate(0, 0)).toBe(0.1);
    expect(await loadExpressionParser()).toBe(parser);
  });
});
