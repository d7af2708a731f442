import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { LearningCurve } from '@lab/report';
import {
  bestPoint,
  type JournalEvent,
  pointRunConfig,
  replayJournal,
  runSweep,
  type SweepConfig,
  SweepStudy,
  summarizePoints,
  sweepEvent,
  type TrialExecutor,
  type TrialOutcome,
  type TrialResult,
  type TrialSpec,
} from '@lab/trainer';
import type { JournalFile, PoolTask, ThreadExecutor } from '@lab/trainer/node';
import { stringify as stringifyYaml } from 'yaml';
import { CliError } from '../cli-error';
import type { CommandContext } from '../command-context';
import { type LoadedSweepConfig, loadSweepConfig } from '../config/load-sweep-config';
import { describeFsError, isFsError } from '../fs-error';
import { whileHandlingSignals } from '../interrupt';
import { labPackageVersions } from '../lab-packages';
import { formatMetric, formatValue } from '../output/format-sweep-values';
import { printSweepResult } from '../output/print-sweep-result';
import { savePoolTimeline } from '../pool-timeline-file';
import { queueUrlOf } from '../queue-url-option';
import { sweepThreadTask } from '../sweep-thread-task';
import type { SweepThreads } from '../sweep-threads';

/** Options of `lab sweep`, as commander parsed them. */
export interface SweepOptions {
  readonly config: string;
  readonly out: string;
  readonly workers?: number;
  /** A URL, or `true` for a bare `--queue` (the URL is then LAB_QUEUE_URL). */
  readonly queue?: string | true;
  readonly resume?: boolean;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** `--html`: also write report.html, the report with interactive figures. */
  readonly html?: boolean;
}

/** What tests may replace. */
export interface SweepSetup {
  /** The task each trial runs on a worker thread; default `dist/sweep-worker.js`'s `runCheckedSweepTrial`. */
  readonly task?: PoolTask;
  /** The sweep config, already read and validated (`loadSweepConfig` of `--config`); default: read here. */
  readonly loaded?: LoadedSweepConfig;
  /** Threads started for the trials before this module loaded (`startSweepThreads`); default: started here. */
  readonly threads?: SweepThreads;
}

/** The journal's file name inside `--out`. */
export const JOURNAL_FILE = 'journal.jsonl';

/**
 * `lab sweep --config S.yaml`: plans the sweep's trials, runs them on worker threads here
 * (`--workers N`, default one per core) or through a Redis queue (`--queue URL`, trials taken by
 * `lab worker` processes), journals every trial and result in `--out/journal.jsonl`, writes each
 * trial's run record to `--out/trials/<id>/run.json`, and prints the points (or, with `--json`,
 * one JSON document). `--resume` continues a sweep from its journal, running only what is missing.
 * @throws ConfigError for a bad sweep config or a journal that does not match it; WorkerError when a
 *   trial or its worker fails (the other workers are stopped); CliError when `--out` cannot be written
 */
export async function sweepCommand(given: SweepOptions, context: CommandContext, setup: SweepSetup = {}): Promise<void> {
  const { io } = context;
  // A bare --queue reads the URL (and its password) from LAB_QUEUE_URL; refused at once when it is unset.
  const options: SweepOptions = given.queue === undefined ? given : { ...given, queue: queueUrlOf(given.queue, io.env) };
  const chatty = options.quiet !== true && options.json !== true;
  const note = (text: string) => {
    if (chatty) io.stderr.write(`${text}\n`);
  };
  const { config, dataDir } = setup.loaded ?? (await loadSweepConfig(resolve(io.cwd, options.config)));
  // Worker threads, the journal file and Redis load only for a valid config.
  const { JournalFile } = await import('@lab/trainer/node');
  const outDir = resolve(io.cwd, options.out);
  await writing(outDir, () => mkdir(outDir, { recursive: true }));
  const journalPath = join(outDir, JOURNAL_FILE);
  const study = new SweepStudy(config);
  const now = () => new Date().toISOString();

  let journal: JournalFile;
  let header: JournalEvent;
  let executor: TrialExecutor | undefined;
  if (options.resume === true) {
    const resumed = await JournalFile.resume(journalPath);
    journal = resumed.journal;
    header = resumed.parsed.events[0] as JournalEvent;
    // A warning is never silent, not even with --json (it goes to stderr).
    for (const warning of resumed.parsed.warnings) io.stderr.write(`lab: warning: ${warning}\n`);
    const summary = replayJournal(study, resumed.parsed.events, JOURNAL_FILE);
    await journal.append({ type: 'resume', at: now() });
    note(
      `Resuming ${config.name}: ${summary.finished} of ${study.totalTrials} trials done${summary.unfinished > 0 ? `, ${summary.unfinished} to run again` : ''}.`,
    );
  } else {
    header = sweepEvent(study, now());
    // Threads start before the journal is made, so that they load their modules meanwhile.
    if (options.queue === undefined)
      executor = await createExecutor(config, options, { trials: study.totalTrials, dataDir, header }, setup, note);
    try {
      journal = await writing(outDir, () => JournalFile.create(journalPath));
      await journal.append(header);
    } catch (error) {
      await executor?.close();
      throw error;
    }
  }

  let results: TrialResult[];
  let running: TrialExecutor | undefined;
  try {
    const remaining = study.totalTrials - study.toldCount();
    running = executor ?? (await createExecutor(config, options, { trials: remaining, dataDir, header }, setup, note));
    const started = running;
    let done = study.toldCount();
    results = await whileHandlingSignals(io, () =>
      runSweep({
        study,
        executor: started,
        journal,
        now,
        finishOutcome: (trial, outcome) => saveRecord(outDir, trial, outcome),
        onProgress: (event) => {
          if (event.kind !== 'finished') return;
          done++;
          // The last trials leave a core free: the report's figure renderer loads there.
          if (done >= study.totalTrials - started.slots / 2) void import('@lab/report').then((report) => report.preloadFigureRenderer());
          note(trialLine(event.trial, event.outcome, config.metric.name, done, study.totalTrials));
        },
      }),
    );
  } finally {
    await journal.close();
  }
  if (running !== undefined && 'timeline' in running) await savePoolTimeline(io, (running as ThreadExecutor).timeline());
  const { reportPath, htmlPath } = await writeSweepReport(config, results, outDir, dataDir, options.html === true);
  printSweepResult(
    io,
    { config, results, journalPath, outDir, reportPath, ...(htmlPath === undefined ? {} : { htmlPath }) },
    options.json === true,
  );
}

/** The best point's run config, beside the report. */
export const BEST_CONFIG_FILE = 'best-config.yaml';

/**
 * Writes the sweep's report (`report.md` and its figures, and `report.html` when `html`) and the
 * best point's run config (`best-config.yaml`, its data path made relative to `--out`) into
 * `outDir`, each file atomically.
 * @returns the report's path, and the page's when written
 */
async function writeSweepReport(
  config: SweepConfig,
  results: TrialResult[],
  outDir: string,
  dataDir: string,
  html: boolean,
): Promise<{ readonly reportPath: string; readonly htmlPath?: string }> {
  const best = bestPoint(config, summarizePoints(results));
  let bestConfig = best === undefined ? undefined : (pointRunConfig(config, best) as Record<string, unknown>);
  const dataset = bestConfig?.dataset as { path?: unknown } | undefined;
  if (bestConfig !== undefined && typeof dataset?.path === 'string' && !isAbsolute(dataset.path)) {
    bestConfig = { ...bestConfig, dataset: { ...dataset, path: relative(outDir, resolve(dataDir, dataset.path)) } };
  }
  const bestConfigText = bestConfig === undefined ? '' : stringifyYaml(bestConfig);
  // @lab/report (and vega with it) loads only now, when there is a report to render.
  const { bestAndWorstTrials, REPORT_HTML_FILE, renderReportHtml, renderSweepReport, writeFileAtomic } = await import('@lab/report');
  const { best: bestTrial, worst: worstTrial } = bestAndWorstTrials(config, results);
  const learningCurves: LearningCurve[] = [];
  for (const [label, trial] of [
    ['best', bestTrial],
    ['worst', worstTrial],
  ] as const) {
    if (trial?.record === undefined || (label === 'worst' && trial === bestTrial)) continue;
    // A record that is gone (deleted, or a journal copied without its trials) leaves its curve out.
    const record = await readFile(join(outDir, trial.record), 'utf8').then(
      (text) => JSON.parse(text) as { models?: { costs?: LearningCurve['costs'] }[] },
      () => undefined,
    );
    if (record !== undefined) learningCurves.push({ label: `${label}: ${trial.trial.id}`, costs: record.models?.[0]?.costs ?? [] });
  }
  const rendered = await renderSweepReport({
    config,
    results,
    learningCurves,
    bestConfigFile: BEST_CONFIG_FILE,
    bestConfigText,
  });
  const reportPath = join(outDir, 'report.md');
  const htmlPath = html ? join(outDir, REPORT_HTML_FILE) : undefined;
  const page = htmlPath === undefined ? undefined : await renderReportHtml(rendered);
  await writing(outDir, async () => {
    if (bestConfig !== undefined) await writeFileAtomic(join(outDir, BEST_CONFIG_FILE), bestConfigText);
    for (const figure of rendered.figures) await writeFileAtomic(join(outDir, figure.fileName), figure.svg);
    await writeFileAtomic(reportPath, rendered.markdown);
    if (htmlPath !== undefined && page !== undefined) await writeFileAtomic(htmlPath, page);
  });
  return { reportPath, ...(htmlPath === undefined ? {} : { htmlPath }) };
}

async function createExecutor(
  config: SweepConfig,
  options: SweepOptions,
  run: { readonly trials: number; readonly dataDir: string; readonly header: JournalEvent },
  setup: SweepSetup,
  note: (text: string) => void,
): Promise<TrialExecutor> {
  const { RedisExecutor, resolveWorkerCount, ThreadExecutor } = await import('@lab/trainer/node');
  if (options.queue !== undefined) {
    const executor = await RedisExecutor.connect({
      url: options.queue === true ? '' : options.queue,
      sweepId: sweepIdOf(run.header),
      deadlineSeconds: config.trial.deadlineSeconds,
    });
    note(`Queued on ${executor.display}: start \`lab worker --queue URL\` on the machines that should run the trials.`);
    return executor;
  }
  const { threads } = setup;
  if (threads !== undefined) {
    if (threads.note !== undefined) note(`lab: note: ${threads.note}`);
    return new ThreadExecutor({
      workers: threads.pool.size,
      pool: threads.pool,
      task: threads.task,
      dataDir: run.dataDir,
      packages: labPackageVersions(),
      deadlineSeconds: config.trial.deadlineSeconds,
    });
  }
  const { count, note: capped } = resolveWorkerCount(options.workers, run.trials, 'trial');
  if (capped !== undefined) note(`lab: note: ${capped}`);
  return new ThreadExecutor({
    workers: count,
    dataDir: run.dataDir,
    packages: labPackageVersions(),
    deadlineSeconds: config.trial.deadlineSeconds,
    memoryLimitMb: config.trial.memoryLimitMb,
    task: setup.task ?? sweepThreadTask(),
  });
}

/** A sweep's id on the queue, the same on every resume: from its journal's first line. */
function sweepIdOf(header: JournalEvent): string {
  const { name, at } = header as { name: string; at: string };
  return `s${createHash('sha256').update(`${name}\n${at}`).digest('hex').slice(0, 16)}`;
}

/** Writes a trial's run record to `trials/<id>/run.json` and returns the outcome that names it. */
async function saveRecord(outDir: string, trial: TrialSpec, outcome: TrialOutcome): Promise<TrialOutcome> {
  const { runRecord, ...rest } = outcome;
  if (runRecord === undefined) return rest;
  const record = `trials/${trial.id}/run.json`;
  const dir = join(outDir, 'trials', trial.id);
  await writing(dir, async () => {
    await mkdir(dir, { recursive: true });
    // @lab/report (and its markdown libraries) loads only when a run record is written, not for a config error.
    const { writeFileAtomic } = await import('@lab/report');
    await writeFileAtomic(join(dir, 'run.json'), `${JSON.stringify(runRecord, null, 2)}\n`);
  });
  return { ...rest, record };
}

/** `trial t0003 (4/13): regularization.l2 = 0.1, seed 3: testAccuracy 0.93 in 1.2 s on worker 2` */
function trialLine(trial: TrialSpec, outcome: TrialOutcome, metric: string, done: number, total: number): string {
  const params = Object.entries(trial.params)
    .map(([name, value]) => `${name} = ${formatValue(value)}`)
    .join(', ');
  const value = outcome.metrics[metric];
  const where = outcome.worker === undefined ? '' : ` on ${outcome.worker}`;
  return `trial ${trial.id} (${done}/${total}): ${params}, seed ${trial.seed}: ${metric} ${value === undefined ? '?' : formatMetric(value)} in ${outcome.seconds.toFixed(1)} s${where}`;
}

async function writing<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isFsError(error)) throw new CliError(`cannot write to ${dir}: ${describeFsError(error)}`);
    throw error;
  }
}
