import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';

/** A rectangle in the view's pixels: [x1, y1, x2, y2]. */
export type Box = readonly [number, number, number, number];

interface SceneItem {
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly bounds?: { x1: number; y1: number; x2: number; y2: number };
  readonly items?: readonly SceneNode[];
}
interface SceneNode {
  readonly marktype?: string;
  readonly role?: string;
  readonly items?: readonly SceneItem[];
}

/**
 * Where a figure's legends and plot areas land once vega has laid it out (no SVG, no canvas): the
 * plot area of every view (a group that holds axes: its own width × height) and every legend's
 * bounds, both in the figure's pixels. Independent of how the spec placed them: it reads the layout.
 */
export async function legendAndPlotBoxes(spec: TopLevelSpec): Promise<{ legends: Box[]; plots: Box[] }> {
  const { spec: vegaSpec } = compile(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Error });
  await view.runAsync();
  const legends: Box[] = [];
  const plots: Box[] = [];
  const visit = (item: SceneItem, ox: number, oy: number): void => {
    const x = ox + (item.x ?? 0);
    const y = oy + (item.y ?? 0);
    const children = item.items ?? [];
    if (children.some((child) => child.role === 'axis') && item.width !== undefined && item.height !== undefined) {
      plots.push([x, y, x + item.width, y + item.height]);
    }
    for (const node of children) {
      for (const child of node.items ?? []) {
        if (node.role === 'legend' && child.bounds !== undefined) {
          legends.push([x + child.bounds.x1, y + child.bounds.y1, x + child.bounds.x2, y + child.bounds.y2]);
        } else if (node.marktype === 'group') {
          visit(child, x, y);
        }
      }
    }
  };
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  for (const item of root.items ?? []) visit(item, 0, 0);
  view.finalize();
  return { legends, plots };
}

/** True when the two boxes share more than an edge. */
export function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}
