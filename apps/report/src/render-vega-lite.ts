import { cleanText } from '@lab/tensor';
import type { TopLevelSpec } from 'vega-lite';
import { normalizeSvgIds } from './internal/svg-ids';
import type { Figure } from './rendered-report';

type Renderer = { readonly vega: typeof import('vega'); readonly vegaLite: typeof import('vega-lite') };
let loading: Promise<Renderer> | undefined;

/**
 * vega and vega-lite, imported on the first figure: together they take about half a second to
 * load, which a command that writes no figure (a config error, `--help`) should not pay.
 */
function loadRenderer(): Promise<Renderer> {
  loading ??= Promise.all([import('vega'), import('vega-lite')]).then(
    ([vega, vegaLite]) => ({ vega, vegaLite }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Starts loading vega and vega-lite (about half a second) without rendering anything, for a
 * command whose main thread is about to wait anyway, e.g. on worker threads: its first figure then
 * starts at once. A failure to load is not reported here but by the first figure, as without it.
 */
export async function preloadFigureRenderer(): Promise<void> {
  await loadRenderer().catch(() => undefined);
}

/** Figures drawn ahead by {@link prerenderFigure}, by their spec's JSON; each is used once. */
const prerendered = new Map<string, Promise<string>>();

/**
 * Draws a figure ahead of the report that will show it, e.g. a model's decision boundary while the
 * other models still train: the next {@link renderVegaLite} of an equal spec (the same JSON) takes
 * this drawing instead of drawing it again — the same bytes, since drawing is deterministic. A spec
 * that never comes back only costs its memory; a failure here is reported by that later call.
 * @param spec - a Vega-Lite spec with inline data only
 * @returns when the drawing is done (it never rejects)
 */
export async function prerenderFigure(spec: TopLevelSpec): Promise<void> {
  const key = JSON.stringify(spec);
  if (prerendered.has(key)) return;
  const drawing = draw(spec);
  prerendered.set(key, drawing);
  await drawing.catch(() => prerendered.delete(key));
}

/**
 * A copy of a spec with every string cleaned (`cleanText` of `@lab/tensor`): labels and titles come
 * from records (run names), and control characters are not even allowed in an SVG's XML.
 */
function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  // A loop, not Object.fromEntries(Object.entries(…)): a figure's data is thousands of small
  // objects, and this runs before the JIT has optimized it. Same keys in the same order.
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = cleanStrings((value as Record<string, unknown>)[key]);
    // Assigning `__proto__` would set the prototype; keep it an own property, as fromEntries does.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: inner, enumerable: true, writable: true, configurable: true });
    else copy[key] = inner;
  }
  return copy as T;
}

/**
 * Renders a Vega-Lite spec to an SVG document in Node, headless (no canvas, no DOM).
 * Deterministic: the same spec gives the same bytes, in one process or across runs.
 * Loads vega on the first call.
 * @param spec - a Vega-Lite spec with inline data only (nothing is fetched)
 * @returns the SVG document text
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  if (prerendered.size > 0) {
    const key = JSON.stringify(spec);
    const drawing = prerendered.get(key);
    if (drawing !== undefined) {
      prerendered.delete(key);
      return drawing;
    }
  }
  return draw(spec);
}

async function draw(spec: TopLevelSpec): Promise<string> {
  const { vega } = await loadRenderer();
  const vegaSpec = await compileVegaLite(spec);
  // Errors throw; warnings (about a spec's data) are not the reader's business on stderr.
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Error });
  try {
    return normalizeSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Compiles a Vega-Lite spec to the Vega spec that draws it, strings cleaned as for the SVG.
 * Loads vega on the first call.
 * @param spec - a Vega-Lite spec with inline data only
 * @returns the Vega spec (plain JSON)
 * @throws Error from vega-lite when the spec is invalid
 */
export async function compileVegaLite(spec: TopLevelSpec): Promise<import('vega').Spec> {
  const { vegaLite } = await loadRenderer();
  return vegaLite.compile(cleanStrings(spec)).spec;
}

/**
 * A report's figure: `spec` drawn as SVG, kept beside the drawing so that `report.html` can show it
 * interactive.
 * @param fileName - e.g. `cost-curves.svg`, relative to report.md
 * @param spec - a Vega-Lite spec with inline data only
 */
export async function renderFigure(fileName: string, spec: TopLevelSpec): Promise<Figure> {
  return { fileName, svg: await renderVegaLite(spec), spec };
}
