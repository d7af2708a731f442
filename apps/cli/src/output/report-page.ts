import { displayPath } from './display-path';

/** `--html`'s help, the same for every command that writes a report. */
export const HTML_OPTION_HELP = 'also write report.html: the report as one page, figures interactive (hover values, pick series)';

/**
 * The line that names the interactive page, for a command's text output.
 * @param label - the line's start, padded like the lines around it (`Page:       `)
 * @returns `[]` when no page was written (no `--html`), else one line
 */
export function reportPageLines(htmlPath: string | undefined, cwd: string, label = 'Page: '): string[] {
  return htmlPath === undefined ? [] : [`${label}${displayPath(htmlPath, cwd)} (open it in a browser)`];
}

/** `{ html: path }` for a command's `--json` summary when a page was written, else `{}`. */
export function reportPageField(htmlPath: string | undefined): { readonly html?: string } {
  return htmlPath === undefined ? {} : { html: htmlPath };
}
