import { basename, extname } from 'node:path';
import { readRegularFile } from '@lab/datasets';
import { isLabError } from '@lab/tensor';
import { parseDocument } from 'yaml';
import { CliError } from '../cli-error';

/** The largest config file lab reads: 1 MiB, far more than any run or sweep config needs. */
export const MAX_CONFIG_BYTES = 2 ** 20;

/** The config formats lab reads, by file extension. */
const FORMATS: Readonly<Record<string, 'YAML' | 'JSON'>> = { '.yaml': 'YAML', '.yml': 'YAML', '.json': 'JSON' };

/**
 * Reads a config file (`.yaml`/`.yml` with the `yaml` library in its strict core schema, `.json`
 * with `JSON.parse`) into a plain value, not yet validated. Only a regular file of at most
 * {@link MAX_CONFIG_BYTES} is read (checked before reading: a FIFO or a device is refused at once).
 * @param path - absolute, or relative to the process's working directory
 * @throws CliError naming the file when it is missing (`<path>: the file does not exist`), not a
 *   regular file, too large, has another extension, or does not parse (a YAML tag such as
 *   `!!js/function` included)
 */
export async function readConfigDocument(path: string): Promise<unknown> {
  const source = basename(path);
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new CliError(`${source}: unknown config format "${extname(path) || '(no extension)'}": expected .yaml, .yml or .json`);
  }
  const text = await readConfigText(path);
  try {
    return format === 'JSON' ? JSON.parse(text) : parseStrictYaml(text);
  } catch (error) {
    throw new CliError(`${source}: not valid ${format}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
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
