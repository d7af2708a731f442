import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';

/** A rectangle in the figure's pixels: [x1, y1, x2, y2]. */
export type Box = readonly [number, number, number, number];

interface SceneItem {
  readonly x?: number;
  readonly y?: number;
  readonly x2?: number;
  readonly y2?: number;
  readonly width?: number;
  readonly height?: number;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  readonly strokeDash?: readonly number[] | string;
  readonly datum?: Readonly<Record<string, unknown>>;
  readonly bounds?: { x1: number; y1: number; x2: number; y2: number };
  readonly items?: readonly SceneNode[];
}
interface SceneNode {
  readonly marktype?: string;
  readonly role?: string;
  readonly name?: string;
  readonly items?: readonly SceneItem[];
}

/** One drawn item of a data mark (a bar, a rule, a dot, one line), in the figure's pixels. */
export interface MarkItem {
  /** vega's mark type: `rect`, `rule`, `symbol`, `line`, `text`, … */
  readonly marktype: string;
  /** The item's extent (its bounds, stroke included: a rule's reach half its width past its ends). */
  readonly box: Box;
  /** A rule's two ends, [x, y, x2, y2], without its stroke's width. */
  readonly ends?: Box;
  readonly strokeWidth?: number;
  /** The plot area the item is drawn in (the nearest enclosing group with axes). */
  readonly plot: Box | undefined;
  readonly stroke?: string;
  /** `strokeDash` as drawn; `undefined` for a solid stroke. */
  readonly strokeDash?: string;
  /** The data row the item stands for (a line's: its first point's). */
  readonly datum: Readonly<Record<string, unknown>>;
}

/** A figure as vega lays it out (no SVG, no canvas): plot areas, legends and data marks, in the figure's pixels. */
export interface FigureLayout {
  /** The plot area of every view: a group that holds axes, its own width × height. */
  readonly plots: Box[];
  readonly legends: Box[];
  /** Every item of every mark that is neither an axis, a legend nor a title. */
  readonly marks: MarkItem[];
}

const GUIDE_ROLES = new Set([
  'axis',
  'legend',
  'title',
  'frame',
  'scope',
  'axis-domain',
  'axis-grid',
  'axis-label',
  'axis-tick',
  'axis-title',
]);

/**
 * Lays a Vega-Lite spec out with vega (renderer `none`) and reads where its plots, legends and data
 * marks landed. Independent of how the spec placed them: it reads the layout.
 */
export async function figureLayout(spec: TopLevelSpec): Promise<FigureLayout> {
  const { spec: vegaSpec } = compile(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Error });
  await view.runAsync();
  const plots: Box[] = [];
  const legends: Box[] = [];
  const marks: MarkItem[] = [];
  const visit = (item: SceneItem, ox: number, oy: number, plot: Box | undefined): void => {
    const x = ox + (item.x ?? 0);
    const y = oy + (item.y ?? 0);
    const children = item.items ?? [];
    let inside = plot;
    if (children.some((child) => child.role === 'axis') && item.width !== undefined && item.height !== undefined) {
      inside = [x, y, x + item.width, y + item.height];
      plots.push(inside);
    }
    for (const node of children) {
      if (node.role === 'legend') {
        for (const child of node.items ?? []) {
          if (child.bounds !== undefined)
            legends.push([x + child.bounds.x1, y + child.bounds.y1, x + child.bounds.x2, y + child.bounds.y2]);
        }
        continue;
      }
      if (node.marktype === 'group') {
        for (const child of node.items ?? []) visit(child, x, y, inside);
        continue;
      }
      if (node.role === undefined || GUIDE_ROLES.has(node.role) || node.role !== 'mark') continue;
      // A line is one item per point; its first carries the style.
      const items = node.marktype === 'line' || node.marktype === 'area' ? (node.items ?? []).slice(0, 1) : (node.items ?? []);
      for (const child of items) {
        const b = node.marktype === 'line' || node.marktype === 'area' ? lineBounds(node) : child.bounds;
        if (b === undefined) continue;
        const dash = child.strokeDash === undefined ? undefined : String(child.strokeDash);
        marks.push({
          marktype: node.marktype ?? '',
          box: [x + b.x1, y + b.y1, x + b.x2, y + b.y2],
          plot: inside,
          ...(child.stroke === undefined ? {} : { stroke: child.stroke }),
          ...(child.strokeWidth === undefined ? {} : { strokeWidth: child.strokeWidth }),
          ...(node.marktype === 'rule'
            ? { ends: [x + (child.x ?? 0), y + (child.y ?? 0), x + (child.x2 ?? child.x ?? 0), y + (child.y2 ?? child.y ?? 0)] as const }
            : {}),
          ...(dash === undefined || dash === '1,0' || dash === '' ? {} : { strokeDash: dash }),
          datum: child.datum ?? {},
        });
      }
    }
  };
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  for (const item of root.items ?? []) visit(item, 0, 0, undefined);
  view.finalize();
  return { plots, legends, marks };
}

/** The bounds of a whole line: vega keeps them on the mark (its items are the points). */
function lineBounds(node: SceneNode): { x1: number; y1: number; x2: number; y2: number } | undefined {
  return (node as { bounds?: { x1: number; y1: number; x2: number; y2: number } }).bounds;
}

/**
 * Where a figure's legends and plot areas land once vega has laid it out: the plot area of every
 * view and every legend's bounds, both in the figure's pixels.
 */
export async function legendAndPlotBoxes(spec: TopLevelSpec): Promise<{ legends: Box[]; plots: Box[] }> {
  const { legends, plots } = await figureLayout(spec);
  return { legends, plots };
}

/** True when the two boxes share more than an edge. */
export function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** True when `inner` lies within `outer`, give or take `slack` pixels. */
export function contains(outer: Box, inner: Box, slack = 0): boolean {
  return inner[0] >= outer[0] - slack && inner[1] >= outer[1] - slack && inner[2] <= outer[2] + slack && inner[3] <= outer[3] + slack;
}
