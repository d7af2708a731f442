import { cleanText } from '@lab/tensor';
import type { CliStream } from '../cli-io';
import { formatDuration } from './format-duration';
import type { ProgressMode } from './progress-mode';

/** Options of {@link ProgressRenderer}. */
export interface ProgressRendererOptions {
  /** Where progress goes: stderr, so stdout keeps only the results. */
  readonly stream: CliStream;
  readonly mode: ProgressMode;
  /** Clock in milliseconds. */
  readonly now: () => number;
  /** How many phases (models) the run has, all of the same length in iterations: the ETA covers them all. Default 1. */
  readonly phases?: number;
  /** What the counts count, plural: `(3/40 trainings)`. Default `iterations`. */
  readonly unit?: string;
  /** Live mode: least time between two redraws. Default 100 ms (at most 10 redraws a second). */
  readonly minIntervalMs?: number;
  /** Lines mode: print a line each time a phase passes another multiple of this. Default 10 (%). */
  readonly lineStepPercent?: number;
}

const BAR_WIDTH = 20;
/** Carriage return and ANSI "erase the whole line". */
export const CLEAR_LINE = '\r\x1b[2K';

/**
 * Shows training progress phase by phase (one phase per model): on a terminal one live line,
 * `L2 (2/3) [████████░░░░░░░░░░░░]  40% ETA 12s cost 0.312456`, redrawn at most every
 * `minIntervalMs` and erased by {@link finish}; elsewhere a plain line each time a phase
 * passes another `lineStepPercent`; nothing in mode `off`.
 * The ETA is the rest of the current phase at the current phase's own pace, plus the phases still
 * to come at the mean duration of the phases done (of the current one, projected, before any is):
 * a phase that is slower per iteration, like the dropout model, gets an ETA of its own speed.
 */
export class ProgressRenderer {
  private readonly stream: CliStream;
  private readonly mode: ProgressMode;
  private readonly now: () => number;
  private readonly phases: number;
  private readonly minIntervalMs: number;
  private readonly lineStepPercent: number;
  private readonly unit: string;
  private phaseIndex = -1;
  private label = '';
  private phaseStartedAt = 0;
  /** Seconds each finished phase took. */
  private readonly phaseSeconds: number[] = [];
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private lastLineStep = 0;
  private drawn = false;

  constructor(options: ProgressRendererOptions) {
    this.stream = options.stream;
    this.mode = options.mode;
    this.now = options.now;
    this.phases = Math.max(1, options.phases ?? 1);
    this.minIntervalMs = options.minIntervalMs ?? 100;
    this.lineStepPercent = options.lineStepPercent ?? 10;
    this.unit = options.unit ?? 'iterations';
  }

  /** Starts the next phase, e.g. the next model; `label` names it. */
  startPhase(label: string): void {
    if (this.phaseIndex >= 0) this.phaseSeconds.push((this.now() - this.phaseStartedAt) / 1000);
    this.phaseIndex++;
    // One line, whatever the label holds (a run name with a newline or an escape sequence).
    const clean = cleanText(label);
    this.label = this.phases > 1 ? `${clean} (${this.phaseIndex + 1}/${this.phases})` : clean;
    this.lastLineStep = 0;
    this.phaseStartedAt = this.now();
    if (this.mode === 'live') this.draw(this.liveLine(0, undefined, undefined));
  }

  /**
   * Reports progress within the current phase.
   * @param iteration - iterations (or other units) done in this phase
   * @param totalIterations - how many this phase will run
   * @param cost - the cost at `iteration`; omitted where no one cost describes the phase
   */
  update(iteration: number, totalIterations: number, cost?: number): void {
    if (this.mode === 'off' || this.phaseIndex < 0) return;
    const fraction = totalIterations > 0 ? Math.min(1, iteration / totalIterations) : 1;
    const eta = this.etaSeconds(fraction);
    if (this.mode === 'live') {
      if (this.now() - this.lastDrawAt >= this.minIntervalMs) this.draw(this.liveLine(fraction, eta, cost));
      return;
    }
    const step = Math.floor((fraction * 100) / this.lineStepPercent);
    if (step <= this.lastLineStep) return;
    this.lastLineStep = step;
    const percent = Math.floor(fraction * 100);
    const etaText = fraction < 1 || this.phaseIndex + 1 < this.phases ? `, ETA ${formatDuration(eta)}` : '';
    const costText = cost === undefined ? '' : `, cost ${formatCost(cost)}`;
    this.stream.write(`${this.label}: ${percent}% (${iteration}/${totalIterations} ${this.unit})${costText}${etaText}\n`);
  }

  /** Ends the display: erases the live line (the results follow on a clean line). */
  finish(): void {
    if (this.mode === 'live' && this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }

  /** Seconds left: the rest of this phase at its own pace, then the phases to come at the mean pace of those done. */
  private etaSeconds(fraction: number): number {
    if (fraction <= 0) return Number.NaN;
    const phaseElapsed = (this.now() - this.phaseStartedAt) / 1000;
    const thisPhase = phaseElapsed / fraction;
    const done = this.phaseSeconds;
    const perPhase = done.length > 0 ? done.reduce((sum, seconds) => sum + seconds, 0) / done.length : thisPhase;
    return thisPhase - phaseElapsed + (this.phases - this.phaseIndex - 1) * perPhase;
  }

  private liveLine(fraction: number, eta: number | undefined, cost: number | undefined): string {
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
    const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
    const etaText = eta === undefined ? '' : ` ETA ${formatDuration(eta)}`;
    const costText = cost === undefined ? '' : ` cost ${formatCost(cost)}`;
    const line = `${this.label} ${bar} ${percent}${etaText}${costText}`;
    // Never wrap: a wrapped line cannot be erased with one carriage return.
    const columns = this.stream.columns;
    return columns !== undefined && columns > 1 ? [...line].slice(0, columns - 1).join('') : line;
  }

  private draw(line: string): void {
    this.stream.write(`${CLEAR_LINE}${line}`);
    this.lastDrawAt = this.now();
    this.drawn = true;
  }
}

/** Six decimals; a cost of +∞ (the course's cost of saturated outputs) as `inf`, as the course prints it. */
export function formatCost(cost: number): string {
  return cost === Number.POSITIVE_INFINITY ? 'inf' : cost.toFixed(6);
}
