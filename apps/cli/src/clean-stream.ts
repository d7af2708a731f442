import { cleanText } from '@lab/tensor';
import type { CliStream } from './cli-io';
import { CLEAR_LINE } from './progress/progress-renderer';

/**
 * A stream that shows text from outside as text: every control character in what is written —
 * an escape sequence in a run name, a newline or a bidirectional override in a path — reaches the
 * terminal as a visible escape (`\u001b`, `\n`, `\u202e`; see `cleanText` in `@lab/tensor`). Line
 * ends stay, and so does the one sequence lab itself draws with, the progress bar's line erase
 * (`\r` ESC `[2K`), at the start of a write. JSON written to it stays valid and means the same.
 */
export function cleanStream(stream: CliStream): CliStream {
  return {
    write(chunk: string) {
      const text = String(chunk);
      const erase = text.startsWith(CLEAR_LINE);
      return stream.write(`${erase ? CLEAR_LINE : ''}${cleanText(erase ? text.slice(CLEAR_LINE.length) : text, { keep: '\n' })}`);
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}
