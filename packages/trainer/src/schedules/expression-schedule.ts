import { ConfigError } from '@lab/tensor';
import type { EvalFunction, MathNode } from 'mathjs';
import { runSteps } from '../internal/schedule-run';
import { checkTime } from '../internal/schedule-time';
import { describeValue, requirePositive } from '../internal/validate';
import { type ExpressionParser, loadExpressionParser } from './expression-parser';
import type { Schedule, ScheduleRun } from './index';

/** Options of {@link ExpressionSchedule}. */
export interface ExpressionScheduleOptions {
  /** A mathjs expression in `epoch`, `iteration` and `lr0`, e.g. `"0.3 * 0.95 ^ floor(epoch / 1000)"`. */
  readonly expression: string;
  /** The value of `lr0`, > 0; required when the expression uses it. */
  readonly learningRate?: number;
}

/**
 * Bounds on an expression schedule. A formula is short: these keep a pathological one (a
 * generated 200 000-term sum, brackets nested a thousand deep) from overflowing mathjs's
 * recursive parser and evaluator, and keep {@link ExpressionSchedule.checkRun} to a few
 * tenths of a second (mathjs evaluates a typical formula in 2–5 µs).
 */
export const EXPRESSION_LIMITS = {
  /** Characters in the expression. */
  maxLength: 1000,
  /** Brackets (`(`, `[`, `{`) open at once. */
  maxBracketDepth: 32,
  /** Levels of the syntax tree. */
  maxTreeDepth: 250,
  /** Evaluations `checkRun` spends; a run with more distinct steps is checked step by step as it trains. */
  maxCheckedSteps: 100_000,
} as const;

const VARIABLES = ['epoch', 'iteration', 'lr0'];
const CONSTANTS = ['pi', 'e'];
const FUNCTIONS = 'abs cbrt ceil cos exp fix floor log log10 log2 max min mod pow round sign sin sqrt tan tanh'.split(' ');
/** mathjs operator functions: arithmetic, comparisons and logic (no factorial, bitwise, unit conversion or ranges). */
const OPERATORS =
  'add subtract multiply divide pow mod unaryMinus unaryPlus smaller smallerEq larger largerEq equal unequal and or not'.split(' ');
/** Node types an arithmetic formula needs; anything else (assignments, indexing, matrices, ranges) is refused. */
const NODE_TYPES = ['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'FunctionNode', 'ConditionalNode'];

/**
 * A schedule written as a formula, parsed and compiled once with mathjs and checked
 * up front: it may use only the variables `epoch`, `iteration`, `lr0`, the constants
 * `pi` and `e`, arithmetic, comparisons, `cond ? a : b`, and the functions
 * abs cbrt ceil cos exp fix floor log log10 log2 max min mod pow round sign sin sqrt tan tanh;
 * it must be at most {@link EXPRESSION_LIMITS} long and deep; and it must give a finite number > 0
 * at epoch 0, iteration 0. {@link ExpressionSchedule.checkRun} then evaluates it at every step of a
 * run before training starts, and keeps the values for the run.
 *
 * mathjs is loaded only for expression schedules: build one with `await ExpressionSchedule.load(options)`,
 * or pass the parser from {@link loadExpressionParser} to the constructor.
 *
 * @example
 * const decay = await ExpressionSchedule.load({ expression: '0.3 * 0.95 ^ floor(epoch / 1000)' });
 * decay.learningRate(2500, 2500); // 0.3 · 0.95²
 * const parser = await loadExpressionParser();
 * const warmup = new ExpressionSchedule({ expression: 'lr0 * min(1, (iteration + 1) / 100)', learningRate: 0.1 }, parser);
 *
 * @remarks mathjs runs once per distinct (epoch, iteration) — once per epoch when the
 * formula does not use `iteration` — never inside the optimizer's update loops. Every
 * failure is one ConfigError line that names the expression and the epoch.
 */
export class ExpressionSchedule implements Schedule {
  readonly expression: string;
  private readonly compiled: EvalFunction;
  private readonly scope = new Map<string, number>();
  private readonly usesIteration: boolean;
  private cachedEpoch = -1;
  private cachedIteration = -1;
  private cachedValue = 0;
  /** Rates `checkRun` computed: by epoch (or by iteration, when the formula uses it) from `checkedFrom`. */
  private checked: Float64Array | undefined;
  private checkedFrom = 0;
  private checkedBatchesPerEpoch = 1;

  /**
   * Loads mathjs (once per process) and builds the schedule.
   * @throws ConfigError as the constructor
   */
  static async load(options: ExpressionScheduleOptions): Promise<ExpressionSchedule> {
    return new ExpressionSchedule(options, await loadExpressionParser());
  }

  /**
   * @param parser - mathjs's parser, from {@link loadExpressionParser}
   * @throws ConfigError `ExpressionSchedule: "<expression>": <what is wrong>` for an expression
   *   too long or too deeply nested, a parse error, an unknown variable or function, a disallowed
   *   construct, `lr0` without `learningRate`, or a value at epoch 0 that is not a finite number > 0
   */
  constructor(options: ExpressionScheduleOptions, parser: ExpressionParser) {
    const expression = options.expression;
    if (typeof expression !== 'string' || expression.trim() === '') {
      throw new ConfigError(`ExpressionSchedule: expression must be a non-empty string, got ${describeValue(expression)}`);
    }
    if (typeof parser?.parse !== 'function') {
      throw new ConfigError('ExpressionSchedule: needs the parser from loadExpressionParser() (or use ExpressionSchedule.load)');
    }
    this.expression = expression;
    const invalid = (problem: string) => this.error(problem);
    if (expression.length > EXPRESSION_LIMITS.maxLength) {
      throw invalid(`is ${expression.length} characters long; a schedule may have at most ${EXPRESSION_LIMITS.maxLength}`);
    }
    const bracketDepth = maxBracketDepth(expression);
    if (bracketDepth > EXPRESSION_LIMITS.maxBracketDepth) {
      throw invalid(`nests brackets ${bracketDepth} deep; a schedule may nest at most ${EXPRESSION_LIMITS.maxBracketDepth}`);
    }
    let root: MathNode;
    try {
      root = parser.parse(expression);
    } catch (error) {
      throw invalid(`parse error: ${firstLine(error)}`);
    }
    const used = new Set<string>();
    // An explicit stack rather than mathjs's recursive traverse(), so that depth is measured before anything recurses.
    const pending: { node: MathNode; path: string | null; parent: MathNode | null; depth: number }[] = [
      { node: root, path: null, parent: null, depth: 1 },
    ];
    for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
      const { node, path, parent, depth } = item;
      if (depth > EXPRESSION_LIMITS.maxTreeDepth) {
        throw invalid(`is nested more than ${EXPRESSION_LIMITS.maxTreeDepth} levels deep; simplify the formula`);
      }
      if (!NODE_TYPES.includes(node.type)) throw invalid(`${describeNode(node.type)} is not allowed in a schedule`);
      if (node.type === 'SymbolNode') {
        const name = (node as unknown as { name: string }).name;
        if (parent?.type === 'FunctionNode' && path === 'fn') {
          if (!FUNCTIONS.includes(name)) throw invalid(`unknown function ${name}() (allowed: ${FUNCTIONS.join(', ')})`);
        } else if (!VARIABLES.includes(name) && !CONSTANTS.includes(name)) {
          throw invalid(`unknown variable ${name} (use epoch, iteration, lr0; constants pi, e)`);
        }
        used.add(name);
      } else if (node.type === 'ConstantNode') {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number') throw invalid(`the constant ${describeValue(value)} is not a number`);
      } else if (node.type === 'FunctionNode') {
        const fn = (node as unknown as { fn: MathNode }).fn;
        if (fn.type !== 'SymbolNode') throw invalid('only named functions can be called');
      } else if (node.type === 'OperatorNode') {
        const { fn, op } = node as unknown as { fn: string; op: string };
        if (!OPERATORS.includes(fn)) throw invalid(`operator ${op} is not allowed in a schedule`);
      }
      const children: { node: MathNode; path: string | null; parent: MathNode | null; depth: number }[] = [];
      node.forEach((child, childPath) => children.push({ node: child, path: childPath, parent: node, depth: depth + 1 }));
      // Reversed, so that the first problem reported is the leftmost one.
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
    this.usesIteration = used.has('iteration');
    this.scope.set('epoch', 0).set('iteration', 0);
    if (used.has('lr0')) {
      if (options.learningRate === undefined) throw invalid('uses lr0 but no learningRate was given');
      this.scope.set('lr0', requirePositive('ExpressionSchedule', 'learningRate', options.learningRate));
    }
    this.compiled = root.compile();
    this.evaluate(0, 0);
  }

  /** @throws ConfigError naming the expression, the epoch and the iteration when the formula fails there */
  learningRate(epoch: number, iteration: number): number {
    checkTime('ExpressionSchedule', epoch, iteration);
    const checked = this.checked;
    if (checked !== undefined) {
      // Only the (epoch, iteration) pairs of the checked run are in the table.
      const index = (this.usesIteration ? iteration : epoch) - this.checkedFrom;
      if (
        index >= 0 &&
        index < checked.length &&
        Number.isInteger(index) &&
        (!this.usesIteration || epoch === Math.floor(iteration / this.checkedBatchesPerEpoch))
      ) {
        return checked[index];
      }
    }
    if (epoch === this.cachedEpoch && (!this.usesIteration || iteration === this.cachedIteration)) return this.cachedValue;
    const value = this.evaluate(epoch, iteration);
    this.cachedEpoch = epoch;
    this.cachedIteration = iteration;
    this.cachedValue = value;
    return value;
  }

  /**
   * Evaluates the formula at every step of `run` (every epoch, or every iteration when it uses
   * `iteration`) and keeps the rates, so that training reads them instead of evaluating again.
   * A run with more than {@link EXPRESSION_LIMITS}.maxCheckedSteps distinct steps is not checked
   * here: each step is still checked as it is reached, with the same one-line error.
   * @throws ConfigError `ExpressionSchedule: "epoch > 2 ? max() : 0.01": cannot be evaluated at epoch 3, iteration 3: …`
   */
  checkRun(run: ScheduleRun): void {
    const { firstIteration, lastIteration, batchesPerEpoch } = runSteps('ExpressionSchedule', run);
    this.checked = undefined;
    if (lastIteration < firstIteration) return;
    const from = this.usesIteration ? firstIteration : Math.floor(firstIteration / batchesPerEpoch);
    const to = this.usesIteration ? lastIteration : Math.floor(lastIteration / batchesPerEpoch);
    const count = to - from + 1;
    if (count > EXPRESSION_LIMITS.maxCheckedSteps) return;
    const rates = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const epoch = this.usesIteration ? Math.floor((from + k) / batchesPerEpoch) : from + k;
      const iteration = this.usesIteration ? from + k : epoch * batchesPerEpoch;
      rates[k] = this.evaluate(epoch, iteration);
    }
    this.checked = rates;
    this.checkedFrom = from;
    this.checkedBatchesPerEpoch = batchesPerEpoch;
  }

  describe(): string {
    const lr0 = this.scope.get('lr0');
    return `expression: ${this.expression}${lr0 === undefined ? '' : ` (lr0 = ${lr0})`}`;
  }

  /** The formula's value at one step, checked: any mathjs error or a value that is no rate becomes one ConfigError line. */
  private evaluate(epoch: number, iteration: number): number {
    this.scope.set('epoch', epoch).set('iteration', iteration);
    const where = `at epoch ${epoch}, iteration ${iteration}`;
    let value: unknown;
    try {
      value = this.compiled.evaluate(this.scope);
    } catch (error) {
      throw this.error(`cannot be evaluated ${where}: ${firstLine(error)}`);
    }
    if (typeof value !== 'number' || !(value > 0 && value < Number.POSITIVE_INFINITY)) {
      throw this.error(`gives ${describeResult(value)} ${where}; a learning rate must be a finite number > 0`);
    }
    return value;
  }

  private error(problem: string): ConfigError {
    return new ConfigError(`ExpressionSchedule: ${quoteExpression(this.expression)}: ${problem}`);
  }
}

/** The expression for an error message: quoted with its control characters escaped, and cut short when long. */
function quoteExpression(expression: string): string {
  if (expression.length <= 80) return JSON.stringify(expression);
  return `${JSON.stringify(`${expression.slice(0, 60)}…`)} (${expression.length} characters)`;
}

function maxBracketDepth(expression: string): number {
  let depth = 0;
  let max = 0;
  for (const char of expression) {
    if (char === '(' || char === '[' || char === '{') max = Math.max(max, ++depth);
    else if (char === ')' || char === ']' || char === '}') depth--;
  }
  return max;
}

/** The first line of an error's message (mathjs's messages are one line; a stack overflow's is too). */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n', 1)[0] ?? '').trim();
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: 'assignment',
    FunctionAssignmentNode: 'a function definition',
    AccessorNode: 'property or index access',
    IndexNode: 'indexing',
    ArrayNode: 'a matrix',
    ObjectNode: 'an object',
    RangeNode: 'a range',
    BlockNode: 'more than one expression',
    RelationalNode: 'a chained comparison',
  };
  return names[type] ?? type;
}

function describeResult(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return describeValue(value);
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? `a ${type}` : describeValue(value);
}
