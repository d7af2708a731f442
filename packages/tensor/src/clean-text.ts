/**
 * Characters that change how text shows rather than what it says: C0 controls (ESC starts
 * terminal escape sequences, newlines break one-line messages and table cells), DEL, C1 controls
 * (U+009B is a one-byte CSI), the Unicode line and paragraph separators, and the bidirectional
 * marks, embeddings, overrides and isolates that can reorder or hide text ("Trojan Source").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Options of {@link cleanText}. */
export interface CleanTextOptions {
  /** Control characters to leave as they are, e.g. `'\n'` for a multi-line block. */
  readonly keep?: string;
}

/**
 * Text from outside — a run name, a path, a label, a file's contents — made safe to print on a
 * terminal or embed in markdown, SVG or a one-line message: every control character (see above)
 * becomes a visible escape, `\n`, `\t`, `\r`, `\u001b`, `\u202e` — the escapes JSON uses, so that
 * cleaning JSON text leaves it valid and meaning the same. Printable text, non-ASCII letters
 * included, is unchanged, and so is clean text (the function is idempotent on its own output).
 * @param text - any string
 * @returns the string with each control character replaced by its escape
 * @example cleanText('run\u001b[31m\n2') // 'run\\u001b[31m\\n2'
 */
export function cleanText(text: string, options: CleanTextOptions = {}): string {
  const keep = options.keep ?? '';
  return text.replace(CONTROL, (char) => {
    if (keep.includes(char)) return char;
    const named = NAMED[char];
    if (named !== undefined) return named;
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
