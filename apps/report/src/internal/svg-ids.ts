const ID_ATTRIBUTE = /\bid="([A-Za-z_-]*?)(\d+)"/g;

/**
 * Renumbers the element ids of one SVG (`clip7`, `gradient_3`) in order of appearance,
 * from 1 per prefix. vega numbers clip paths and gradients with a process-wide counter,
 * so the same figure rendered twice would otherwise differ in its ids.
 * @param svg - one SVG document
 * @returns the same document with ids `clip1, clip2, …` and every `url(#…)`/`href="#…"` updated
 */
export function normalizeSvgIds(svg: string): string {
  const renamed = new Map<string, string>();
  const next = new Map<string, number>();
  for (const match of svg.matchAll(ID_ATTRIBUTE)) {
    const prefix = match[1] ?? '';
    const old = `${prefix}${match[2] ?? ''}`;
    if (renamed.has(old)) continue;
    const n = (next.get(prefix) ?? 0) + 1;
    next.set(prefix, n);
    renamed.set(old, `${prefix}${n}`);
  }
  if (renamed.size === 0) return svg;
  return svg.replace(/(\bid="|#)([A-Za-z_-]*?\d+)(?=["')])/g, (whole, lead: string, id: string) => {
    const fresh = renamed.get(id);
    return fresh === undefined ? whole : `${lead}${fresh}`;
  });
}
