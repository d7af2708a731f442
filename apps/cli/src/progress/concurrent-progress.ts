import { cleanText } from '@lab/tensor';
import type { CliStream } from '../cli-io';
import { formatDuration } from './format-duration';
import type { ProgressMode } from './progress-mode';
import { CLEAR_LINE, formatCost } from './progress-renderer';

/** Options of {@link ConcurrentProgressRenderer}. */
export interface ConcurrentProgressOptions {
  /** Where progress goes: stderr, so stdout keeps only the results. */
  readonly stream: CliStream;
  readonly mode: ProgressMode;
  /** Clock in milliseconds. */
  readonly now: () => number;
  /** How many tasks (models) the run has; they run at the same time, some of them. */
  readonly tasks: number;
  /** What the counts count, plural. Default `iterations`. */
  readonly unit?: string;
  /** Live mode: least time between two redraws. Default 100 ms. */
  readonly minIntervalMs?: number;
  /** Lines mode: print a line each time a task passes another multiple of this. Default 10 (%). */
  readonly lineStepPercent?: number;
}

interface Task {
  readonly label: string;
  readonly startedAt: number;
  fraction: number;
  lastLineStep: number;
}

/**
 * Progress of tasks that run at the same time (models trained on worker threads): every line
 * names its task, so lines from different tasks can interleave. Elsewhere than on a terminal, a
 * plain line each time a task passes another `lineStepPercent`, `dropout (3/3): 40% (12000/30000
 * iterations), cost 0.312456, ETA 2s` (the ETA is that task's own, at its own pace); on a terminal
 * one live line with each running task's percentage, erased by {@link finish}; nothing in mode `off`.
 */
export class ConcurrentProgressRenderer {
  private readonly stream: CliStream;
  private readonly mode: ProgressMode;
  private readonly now: () => number;
  private readonly taskCount: number;
  private readonly unit: string;
  private readonly minIntervalMs: number;
  private readonly lineStepPercent: number;
  private readonly tasks = new Map<number, Task>();
  private readonly done = new Set<number>();
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(options: ConcurrentProgressOptions) {
    this.stream = options.stream;
    this.mode = options.mode;
    this.now = options.now;
    this.taskCount = Math.max(1, options.tasks);
    this.unit = options.unit ?? 'iterations';
    this.minIntervalMs = options.minIntervalMs ?? 100;
    this.lineStepPercent = options.lineStepPercent ?? 10;
  }

  /**
   * A task starts.
   * @param index - the task's place in the run (0 = first), shown as `(1/3)`
   * @param label - names it, e.g. the model
   */
  start(index: number, label: string): void {
    const clean = cleanText(label);
    this.tasks.set(index, {
      label: this.taskCount > 1 ? `${clean} (${index + 1}/${this.taskCount})` : clean,
      startedAt: this.now(),
      fraction: 0,
      lastLineStep: 0,
    });
    if (this.mode === 'live') this.draw();
  }

  /**
   * Reports a task's progress.
   * @param index - as given to {@link start}
   * @param iteration - iterations done in this task
   * @param totalIterations - how many it will run
   * @param cost - the cost at `iteration`
   */
  update(index: number, iteration: number, totalIterations: number, cost?: number): void {
    const task = this.tasks.get(index);
    if (this.mode === 'off' || task === undefined) return;
    const fraction = totalIterations > 0 ? Math.min(1, iteration / totalIterations) : 1;
    task.fraction = fraction;
    if (fraction >= 1) this.done.add(index);
    if (this.mode === 'live') {
      if (this.now() - this.lastDrawAt >= this.minIntervalMs) this.draw();
      return;
    }
    const step = Math.floor((fraction * 100) / this.lineStepPercent);
    if (step <= task.lastLineStep) return;
    task.lastLineStep = step;
    const elapsed = (this.now() - task.startedAt) / 1000;
    const etaText = fraction < 1 ? `, ETA ${formatDuration(elapsed / fraction - elapsed)}` : '';
    const costText = cost === undefined ? '' : `, cost ${formatCost(cost)}`;
    this.stream.write(
      `${task.label}: ${Math.floor(fraction * 100)}% (${iteration}/${totalIterations} ${this.unit})${costText}${etaText}\n`,
    );
  }

  /** Ends the display: erases the live line. */
  finish(): void {
    if (this.mode === 'live' && this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }

  private draw(): void {
    const running = [...this.tasks].filter(([index]) => !this.done.has(index)).map(([, task]) => task);
    const parts = running.map((task) => `${task.label} ${String(Math.floor(task.fraction * 100)).padStart(3)}%`);
    const line = `${this.done.size}/${this.taskCount} done · ${parts.join(' · ')}`;
    // Never wrap: a wrapped line cannot be erased with one carriage return.
    const columns = this.stream.columns;
    this.stream.write(`${CLEAR_LINE}${columns !== undefined && columns > 1 ? [...line].slice(0, columns - 1).join('') : line}`);
    this.lastDrawAt = this.now();
    this.drawn = true;
  }
}
