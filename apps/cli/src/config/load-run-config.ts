import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { readRegularFile } from '@lab/datasets';
import { isLabError } from '@lab/tensor';
import { loadExpressionParser, parseRunConfig, type RunConfig } from '@lab/trainer';
import { parseDocument } from 'yaml';
import { CliError } from '../cli-error';

/** The largest config file `lab train` reads: 1 MiB, far more than any run config needs. */
export const MAX_CONFIG_BYTES = 2 ** 20;

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
 * Reads a training config (`.yaml`/`.yml` with the `yaml` library in its strict core schema,
 * `.json` with `JSON.parse`) and validates it. Only a regular file of at most
 * {@link MAX_CONFIG_BYTES} is read (checked before reading: a FIFO or a device is refused at once).
 * A `mat` dataset's relative path is taken relative to the config file, so a config works from
 * any working directory.
 * @param path - the config file, absolute or relative to the process's working directory
 * @throws CliError when the file is missing (`<path>: the file does not exist`), not a regular file,
 *   too large, has another extension, or does not parse (a YAML tag such as `!!js/function` included);
 *   ConfigError naming the file and the field path when a field is invalid
 */
export async function loadRunConfig(path: string): Promise<LoadedRunConfig> {
  const source = basename(path);
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new CliError(`${source}: unknown config format "${extname(path) || '(no extension)'}": expected .yaml, .yml or .json`);
  }
  const text = await readConfigText(path);
  let value: unknown;
  try {
    value = format === 'JSON' ? JSON.parse(text) : parseStrictYaml(text);
  } catch (error) {
    throw new CliError(`${source}: not valid ${format}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  // mathjs takes about a second to load: only for an expression schedule, which it then compiles.
  const expressionParser = hasExpressionSchedule(value) ? await loadExpressionParser() : undefined;
  const config = parseRunConfig(value, source, { expressionParser });
  if (config.dataset.kind !== 'mat') return { config };
  const written = config.dataset.path;
  const resolved = isAbsolute(written) ? written : resolve(dirname(path), written);
  return { config: { ...config, dataset: { ...config.dataset, path: resolved } }, datasetPathAsWritten: written };
}

function hasExpressionSchedule(value: unknown): boolean {
  const schedule = (value as { schedule?: { kind?: unknown } } | null)?.schedule;
  return typeof schedule === 'object' && schedule !== null && schedule.kind === 'expression';
}

async function readConfigText(path: string): Promise<string> {
  try {
    return new TextDecoder().decode(await readRegularFile(path, { maxBytes: MAX_CONFIG_BYTES, kind: 'config file' }));
  } catch (error) {
    throw isLabError(error) ? new CliError(error.message) : error;
  }
}

/**
 * YAML 1.2's core schema and nothing else: a tag it does not know (`!!js/function`, `!foo`), a
 * duplicate key or any other warning is an error, and nothing is printed (the library would
 * otherwise write warnings of several lines to the console).
 * @throws Error with the parser's message; the caller keeps its first line
 */
function parseStrictYaml(text: string): unknown {
  const document = parseDocument(text, { schema: 'core', strict: true, uniqueKeys: true, prettyErrors: true, logLevel: 'silent' });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem !== undefined) throw problem;
  return document.toJS({ maxAliasCount: 100 });
}

/** The first line of a message, without a trailing colon (YAML's errors continue with a code excerpt). */
function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.trim().replace(/:$/, '');
}
