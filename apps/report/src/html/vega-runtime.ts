import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let runtime: string | undefined;

/**
 * vega's minified browser build (BSD-3-Clause, the University of Washington Interactive Data Lab),
 * as text to inline in `report.html`: the page then needs no network and no file beside it.
 * The package exports no path to it, so it is found beside vega's own entry. Read once per process.
 * @throws Error when vega's build is not where vega 6 puts it
 */
export function vegaBrowserBuild(): string {
  if (runtime === undefined) {
    const entry = createRequire(import.meta.url).resolve('vega');
    runtime = readFileSync(join(dirname(entry), 'vega.min.js'), 'utf8');
  }
  return runtime;
}
