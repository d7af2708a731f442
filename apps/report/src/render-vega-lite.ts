import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { normalizeSvgIds } from './internal/svg-ids';

/**
 * Renders a Vega-Lite spec to an SVG document in Node, headless (no canvas, no DOM).
 * Deterministic: the same spec gives the same bytes, in one process or across runs.
 * @param spec - a Vega-Lite spec with inline data only (nothing is fetched)
 * @returns the SVG document text
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const { spec: vegaSpec } = compile(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Warn });
  try {
    return normalizeSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}
