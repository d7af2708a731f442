import type { RecordIssue } from '@lab/report';
import type { BatchnormRecord } from '../record';

/**
 * Checks what the schema cannot express on its own: each forward-statistics stage has D3 means
 * and stds (and γ, β when set), job ids are unique, every run belongs to its part, and every
 * run has at least its epoch-0 accuracies.
 * @returns the problems found, each with its field path; empty when the record is consistent
 */
export function batchnormIssues(record: BatchnormRecord): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const d3 = record.forwardStatistics.d3;
  record.forwardStatistics.stages.forEach((stage, s) => {
    for (const key of ['means', 'stds', 'gamma', 'beta'] as const) {
      const values = stage[key];
      if (values !== null && values.length !== d3) {
        issues.push({ path: ['forwardStatistics', 'stages', s, key], message: `expected D3 = ${d3} values, got ${values.length}` });
      }
    }
  });
  const ids = new Set<string>();
  const parts = [
    ['deepMlp', 'deep-mlp'],
    ['weightScaleSweep', 'weight-scale'],
    ['batchSize', 'batch-size'],
  ] as const;
  for (const [key, part] of parts) {
    record[key].runs.forEach((run, r) => {
      const path = [key, 'runs', r];
      if (run.job.part !== part) issues.push({ path: [...path, 'job', 'part'], message: `expected "${part}", got "${run.job.part}"` });
      if (ids.has(run.job.id)) issues.push({ path: [...path, 'job', 'id'], message: `duplicate job id "${run.job.id}"` });
      ids.add(run.job.id);
      if (run.epochs.length === 0)
        issues.push({ path: [...path, 'epochs'], message: 'expected at least the epoch-0 accuracies, got none' });
    });
  }
  return issues;
}
