import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { type DataFileField, loadExpressionParser, mapDataFiles, parseRunConfig, type RunConfig } from '@lab/trainer/config';
import { readConfigDocument } from './read-config-document';

export { MAX_CONFIG_BYTES } from './read-config-document';

/** A validated config and where it came from. */
export interface LoadedRunConfig {
  /** The config, with its data files' paths resolved against the config file's directory. */
  readonly config: RunConfig;
  /** The data file's path exactly as the file wrote it (for the run record), when it names a file. */
  readonly datasetPathAsWritten?: string;
  /**
   * When the file is a run record: the SHA-256 its data files had then (`dataset.sha256`,
   * `testSha256`). A rerun on a file that has changed since would not reproduce the run.
   */
  readonly recordedSha256?: { readonly train?: string; readonly test?: string };
  /** The data files (`path`, `testPath`) the file named by a relative path: a record stores them relative to its own folder. */
  readonly relativeDataFiles: readonly DataFileField[];
}

/**
 * Reads a training config ({@link readConfigDocument}: YAML in its strict core schema or JSON, a
 * regular file under a size limit) and validates it (`parseRunConfig`: the current format, the
 * format before layer lists, or a run record holding its config). A data file's relative path is
 * taken relative to the config file, so a config works from any working directory.
 * @param path - the config file, absolute or relative to the process's working directory
 * @throws CliError when the file is missing (`<path>: the file does not exist`), not a regular file,
 *   too large, has another extension, or does not parse (a YAML tag such as `!!js/function` included);
 *   ConfigError naming the file and the field path when a field is invalid
 */
export async function loadRunConfig(path: string): Promise<LoadedRunConfig> {
  const source = basename(path);
  const value = await readConfigDocument(path);
  // mathjs takes about a second to load: only for an expression schedule, which it then compiles.
  const expressionParser = hasExpressionSchedule(value) ? await loadExpressionParser() : undefined;
  const config = parseRunConfig(value, source, { expressionParser });
  const written = 'path' in config.data ? config.data.path : undefined;
  const relativeDataFiles: DataFileField[] = [];
  const data = await mapDataFiles(config.data, (file, field) => {
    if (isAbsolute(file)) return file;
    relativeDataFiles.push(field);
    return resolve(dirname(path), file);
  });
  const recordedSha256 = recordedDataSha256(value);
  return {
    config: { ...config, data },
    relativeDataFiles,
    ...(written === undefined ? {} : { datasetPathAsWritten: written }),
    ...(recordedSha256 === undefined ? {} : { recordedSha256 }),
  };
}

/** The data files' SHA-256 that a run record (a document with `schemaVersion`, `kind` and `dataset`) states. */
function recordedDataSha256(value: unknown): LoadedRunConfig['recordedSha256'] {
  if (typeof value !== 'object' || value === null || !('schemaVersion' in value) || !('dataset' in value)) return undefined;
  const { sha256, testSha256 } = (value.dataset ?? {}) as { sha256?: unknown; testSha256?: unknown };
  if (typeof sha256 !== 'string' && typeof testSha256 !== 'string') return undefined;
  return { ...(typeof sha256 === 'string' ? { train: sha256 } : {}), ...(typeof testSha256 === 'string' ? { test: testSha256 } : {}) };
}

function hasExpressionSchedule(value: unknown): boolean {
  const config = value as { schedule?: { kind?: unknown }; config?: { schedule?: { kind?: unknown } } } | null;
  const schedule = config?.schedule ?? config?.config?.schedule;
  return typeof schedule === 'object' && schedule !== null && schedule.kind === 'expression';
}
