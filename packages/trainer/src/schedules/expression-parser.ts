import type { MathNode } from 'mathjs';

/**
 * The part of mathjs that an {@link ExpressionSchedule} needs: its expression parser.
 * Get one from {@link loadExpressionParser}; it is passed explicitly because mathjs takes
 * about a second to load, and only expression schedules (and sweep expressions) need it.
 */
export interface ExpressionParser {
  /** mathjs's `parse`: an expression → its syntax tree. */
  readonly parse: (expression: string) => MathNode;
}

let loading: Promise<ExpressionParser> | undefined;

/**
 * Loads mathjs (once per process; later calls return the same promise) and returns its parser.
 * @example
 * const schedule = new ExpressionSchedule({ expression: '0.3 * 0.95 ^ epoch' }, await loadExpressionParser());
 */
export function loadExpressionParser(): Promise<ExpressionParser> {
  loading ??= import('mathjs').then(
    (math) => ({ parse: (expression: string) => math.parse(expression) }),
    (error: unknown) => {
      // A failed load is not cached: the next call tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
