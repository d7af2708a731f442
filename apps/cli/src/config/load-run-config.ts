import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { parseRunConfig, type RunConfig } from '@lab/trainer';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli-error';
import { describeFsError } from '../fs-error';

/** The config formats `lab train --config` reads, by file extension. */
const FORMATS: Readonly<Record<string, 'YAML' | 'JSON'>> = { '.yaml': 'YAML', '.yml': 'YAML', '.json': 'JSON' };

/** A validated config and where it came from. */
export interface LoadedRunConfig {
  /** The config, with a `mat` dataset's path resolved against the config file's directory. */
  readonly config: RunConfig;
  /** The dataset path exactly as the file wrote it (for the run record), when it names a file. */
  readonly datasetPathAsWritten?: string;
}

/**
 * Reads a training config (`.yaml`/`.yml` with the `yaml` library, `.json` with `JSON.parse`)
 * and validates it. A `mat` dataset's relative path is taken relative to the config file, so a
 * config works from any working directory.
 * @param path - the config file, absolute or relative to the process's working directory
 * @throws CliError when the file cannot be read, has another extension, or does not parse;
 *   ConfigError naming the file and the field path when a field is invalid
 */
export async function loadRunConfig(path: string): Promise<LoadedRunConfig> {
  const source = basename(path);
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new CliError(`${source}: unknown config format "${extname(path) || '(no extension)'}": expected .yaml, .yml or .json`);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`${source}: cannot read ${path}: ${describeFsError(error)}`);
  }
  let value: unknown;
  try {
    value = format === 'JSON' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CliError(`${source}: not valid ${format}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  const config = parseRunConfig(value, source);
  if (config.dataset.kind !== 'mat') return { config };
  const written = config.dataset.path;
  const resolved = isAbsolute(written) ? written : resolve(dirname(path), written);
  return { config: { ...config, dataset: { ...config.dataset, path: resolved } }, datasetPathAsWritten: written };
}

/** The first line of a message, without a trailing colon (YAML's errors continue with a code excerpt). */
function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.trim().replace(/:$/, '');
}
