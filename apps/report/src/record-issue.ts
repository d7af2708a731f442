/** One validation problem: where in the record (keys and indices) and what is wrong. */
export interface RecordIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a field path the way one would write it in JavaScript: `models[1].trainAccuracy`,
 * `environment.packages["@lab/tensor"]`; the empty path is `(root)`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Rewords a zod message for one line after a path: drops zod's `Invalid input: ` prefix
 * and says `missing` rather than `received undefined`.
 */
export function formatMessage(message: string): string {
  const text = message.replace(/^Invalid (input|option): /, '');
  const missing = /^expected (.+), received undefined$/.exec(text);
  return missing ? `missing (expected ${missing[1]})` : text;
}

/** `<path>: <message>`, e.g. `models[1].trainAccuracy: expected number, received string`. */
export function formatIssue(issue: RecordIssue): string {
  return `${formatPath(issue.path)}: ${formatMessage(issue.message)}`;
}
