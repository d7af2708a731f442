import { ConfigError } from '@lab/tensor';
import { type EvalFunction, type MathNode, parse } from 'mathjs';
import { checkTime } from '../internal/schedule-time';
import { describeValue, requirePositive } from '../internal/validate';
import type { Schedule } from './index';

/** Options of {@link ExpressionSchedule}. */
export interface ExpressionScheduleOptions {
  /** A mathjs expression in `epoch`, `iteration` and `lr0`, e.g. `"0.3 * 0.95 ^ floor(epoch / 1000)"`. */
  readonly expression: string;
  /** The value of `lr0`, > 0; required when the expression uses it. */
  readonly learningRate?: number;
}

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
 * and it must give a finite number > 0 at epoch 0, iteration 0.
 *
 * @example
 * new ExpressionSchedule({ expression: '0.3 * 0.95 ^ floor(epoch / 1000)' }).learningRate(2500, 2500) // 0.3 · 0.95²
 * new ExpressionSchedule({ expression: 'lr0 * min(1, (iteration + 1) / 100)', learningRate: 0.1 }) // linear warm-up
 *
 * @remarks mathjs runs once per distinct (epoch, iteration) — once per epoch when the
 * formula does not use `iteration` — never inside the optimizer's update loops.
 */
export class ExpressionSchedule implements Schedule {
  readonly expression: string;
  private readonly compiled: EvalFunction;
  private readonly scope = new Map<string, number>();
  private readonly usesIteration: boolean;
  private cachedEpoch = -1;
  private cachedIteration = -1;
  private cachedValue = 0;

  /**
   * @throws ConfigError `ExpressionSchedule: "<expression>": <what is wrong>` for a parse error,
   *   an unknown variable or function, a disallowed construct, `lr0` without `learningRate`,
   *   or a value at epoch 0 that is not a finite number > 0
   */
  constructor(options: ExpressionScheduleOptions) {
    const expression = options.expression;
    if (typeof expression !== 'string' || expression.trim() === '') {
      throw new ConfigError(`ExpressionSchedule: expression must be a non-empty string, got ${describeValue(expression)}`);
    }
    this.expression = expression;
    const invalid = (problem: string) => new ConfigError(`ExpressionSchedule: ${JSON.stringify(expression)}: ${problem}`);
    let root: MathNode;
    try {
      root = parse(expression);
    } catch (error) {
      throw invalid(`parse error: ${(error as Error).message}`);
    }
    const used = new Set<string>();
    root.traverse((node, path, parent) => {
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
    });
    this.usesIteration = used.has('iteration');
    this.scope.set('epoch', 0).set('iteration', 0);
    if (used.has('lr0')) {
      if (options.learningRate === undefined) throw invalid('uses lr0 but no learningRate was given');
      this.scope.set('lr0', requirePositive('ExpressionSchedule', 'learningRate', options.learningRate));
    }
    this.compiled = root.compile();
    let value: unknown;
    try {
      value = this.compiled.evaluate(this.scope);
    } catch (error) {
      throw invalid(`cannot be evaluated at epoch 0: ${(error as Error).message}`);
    }
    if (typeof value !== 'number' || !(value > 0 && value < Number.POSITIVE_INFINITY)) {
      throw invalid(`gives ${describeResult(value)} at epoch 0, iteration 0; a learning rate must be a finite number > 0`);
    }
  }

  learningRate(epoch: number, iteration: number): number {
    if (epoch === this.cachedEpoch && (!this.usesIteration || iteration === this.cachedIteration)) return this.cachedValue;
    checkTime('ExpressionSchedule', epoch, iteration);
    this.scope.set('epoch', epoch).set('iteration', iteration);
    const value: unknown = this.compiled.evaluate(this.scope);
    if (typeof value !== 'number' || !(value > 0 && value < Number.POSITIVE_INFINITY)) {
      throw new ConfigError(
        `ExpressionSchedule: ${JSON.stringify(this.expression)}: gives ${describeResult(value)} at epoch ${epoch}, iteration ${iteration}; a learning rate must be a finite number > 0`,
      );
    }
    this.cachedEpoch = epoch;
    this.cachedIteration = iteration;
    this.cachedValue = value;
    return value;
  }

  describe(): string {
    const lr0 = this.scope.get('lr0');
    return `expression: ${this.expression}${lr0 === undefined ? '' : ` (lr0 = ${lr0})`}`;
  }
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
