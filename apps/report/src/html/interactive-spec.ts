import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite view as plain JSON: the parts this module reads or adds. */
type View = { [key: string]: unknown };

/** Opacity of the series a reader has not picked, once they picked some in the legend (a share of its own). */
export const UNPICKED_OPACITY = 0.12;

const COMPOSITIONS = ['layer', 'hconcat', 'vconcat', 'concat'] as const;

function isView(value: unknown): value is View {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field a unit view colours by, when that colour has a legend (a series a reader can pick). */
function legendField(unit: View): string | undefined {
  const color = isView(unit.encoding) ? unit.encoding.color : undefined;
  if (!isView(color) || typeof color.field !== 'string' || color.legend === null) return undefined;
  return color.field;
}

/** A mark as an object, with hover values on: `'line'` → `{ type: 'line', tooltip: … }`. */
function withTooltip(mark: unknown): unknown {
  const object = isView(mark) ? mark : { type: mark };
  // A line's own hover would show one point of the whole path: its vertices carry the values.
  const point = object.type === 'line' ? { point: { filled: true, opacity: 0, size: 70 } } : {};
  return { ...object, ...point, tooltip: { content: 'encoding' } };
}

/**
 * One view made interactive: every mark shows its values on hover; in a view whose units colour by a
 * field with a legend, clicking a legend entry picks that series (shift-click adds one) and dims the
 * others. `names` numbers the legend selections, which must be unique in the whole spec.
 */
function interactiveView(view: View, names: { next: number }): View {
  for (const key of COMPOSITIONS) {
    const children = view[key];
    if (!Array.isArray(children)) continue;
    if (key === 'layer') return interactiveLayers(view, children, names);
    return { ...view, [key]: children.map((child) => (isView(child) ? interactiveView(child, names) : child)) };
  }
  if (isView(view.spec)) return { ...view, spec: interactiveView(view.spec, names) };
  if (view.mark === undefined) return view;
  return interactiveLayers(view, [view], names, true);
}

function markOf(unit: View): View {
  return isView(unit.mark) ? unit.mark : { type: unit.mark };
}

/**
 * The channel that dims a unit, and its full strength. A line dims its stroke: its `opacity` channel
 * would also reach the invisible vertices that carry its hover values, and show them. Either keeps
 * the mark's own opacity (a faint line stays faint) as its full strength.
 */
function dimmingChannel(unit: View): { channel: 'opacity' | 'strokeOpacity'; full: number } {
  const mark = markOf(unit);
  const own = (key: string) => (typeof mark[key] === 'number' ? (mark[key] as number) : 1);
  return mark.type === 'line' ? { channel: 'strokeOpacity', full: own('strokeOpacity') } : { channel: 'opacity', full: own('opacity') };
}

/** Whether a unit can dim by the legend selection on `field`: it colours by it and encodes no opacity of its own. */
function canPick(unit: View, field: string): boolean {
  const encoding = isView(unit.encoding) ? unit.encoding : {};
  return isView(encoding.color) && encoding.color.field === field && encoding[dimmingChannel(unit).channel] === undefined;
}

/** The units of one layer group (or one unit, `single`): one legend selection shared by the units colouring by its field. */
function interactiveLayers(view: View, layers: unknown[], names: { next: number }, single = false): View {
  const units = layers.map((layer) => (isView(layer) && layer.mark !== undefined ? layer : undefined));
  // The selection lives on the first unit whose legend shows the field; without one, nothing dims.
  const owner = units.findIndex((unit) => {
    const field = unit === undefined ? undefined : legendField(unit);
    return unit !== undefined && field !== undefined && canPick(unit, field);
  });
  const ownerUnit = units[owner];
  const field = ownerUnit === undefined ? undefined : legendField(ownerUnit);
  const name = `lab_series_${names.next}`;
  if (field !== undefined) names.next += 1;
  const changed = layers.map((layer, i) => {
    const unit = units[i];
    if (unit === undefined) return isView(layer) ? interactiveView(layer, names) : layer;
    const result: View = { ...unit, mark: withTooltip(unit.mark) };
    if (field === undefined || !canPick(unit, field)) return result;
    const encoding = isView(unit.encoding) ? unit.encoding : {};
    const { channel, full } = dimmingChannel(unit);
    result.encoding = { ...encoding, [channel]: { condition: { param: name, value: full }, value: full * UNPICKED_OPACITY } };
    if (i === owner) {
      const params = Array.isArray(unit.params) ? unit.params : [];
      result.params = [...params, { name, select: { type: 'point', fields: [field] }, bind: 'legend' }];
    }
    return result;
  });
  return single ? (changed[0] as View) : { ...view, layer: changed };
}

/**
 * A copy of a figure's spec for `report.html`: hover shows the values under the pointer, and a click
 * on a legend entry picks that series (the others dimmed; shift-click picks several, a click on the
 * background picks all again). The data, scales and layout are the SVG's.
 * @param spec - the spec a figure was drawn from (see `renderFigure`)
 */
export function interactiveSpec(spec: TopLevelSpec): TopLevelSpec {
  return interactiveView(spec as unknown as View, { next: 1 }) as unknown as TopLevelSpec;
}
