import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseSweepConfig, type SweepConfig } from '@lab/trainer/config';
import { CliError } from '../cli-error';
import { readConfigDocument } from './read-config-document';

/** A validated sweep config and the folder its relative data paths are relative to. */
export interface LoadedSweepConfig {
  readonly config: SweepConfig;
  /** The sweep file's folder: trials resolve relative data paths here. */
  readonly dataDir: string;
}

/**
 * Reads a sweep config (YAML or JSON) and validates it. `base` is a run config, inline or the
 * path of a run-config file (relative to the sweep file); a file's relative data path is
 * rewritten relative to the sweep file, so that every trial's paths are relative to one folder.
 * @throws CliError when a file cannot be read or parsed; ConfigError naming the file and field path
 */
export async function loadSweepConfig(path: string): Promise<LoadedSweepConfig> {
  const source = basename(path);
  const dataDir = dirname(path);
  let value = await readConfigDocument(path);
  if (isObject(value) && typeof value.base === 'string') {
    const basePath = resolve(dataDir, value.base);
    const base = await readConfigDocument(basePath);
    if (!isObject(base)) throw new CliError(`${source}: base: ${value.base} does not hold a run config (a mapping)`);
    value = { ...value, base: rebaseDataPath(base, dirname(basePath), dataDir) };
  }
  return { config: parseSweepConfig(value, { source }), dataDir };
}

/**
 * A run config whose relative data file paths (`data.path`, `data.testPath`; `dataset.path` in
 * the format before layer lists), relative to `from`, are made relative to `to`.
 */
function rebaseDataPath(base: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (from === to) return base;
  const rebased = { ...base };
  for (const [key, fields] of [
    ['data', ['path', 'testPath']],
    ['dataset', ['path']],
  ] as const) {
    const spec = base[key];
    if (!isObject(spec)) continue;
    const copy = { ...spec };
    for (const field of fields) {
      const path = spec[field];
      if (typeof path === 'string' && !isAbsolute(path)) copy[field] = relative(to, resolve(from, path));
    }
    rebased[key] = copy;
  }
  return rebased;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
