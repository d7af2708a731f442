import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { compileVegaLite } from '../render-vega-lite';
import { interactiveSpec, UNPICKED_OPACITY } from './interactive-spec';

const x = { field: 'iteration', type: 'quantitative' };
const y = { field: 'cost', type: 'quantitative' };
const color = { field: 'model', type: 'nominal' };
const values = [
  { iteration: 0, cost: 0.7, model: 'a' },
  { iteration: 1, cost: 0.5, model: 'a' },
  { iteration: 0, cost: 0.6, model: 'b' },
];
const hover = { content: 'encoding' };
const dimmed = { condition: { param: 'lab_series_1', value: 1 }, value: UNPICKED_OPACITY };
const legendPick = { name: 'lab_series_1', select: { type: 'point', fields: ['model'] }, bind: 'legend' };

describe('interactiveSpec', () => {
  it('gives a line chart hover values on its vertices and a legend selection that dims the other series', () => {
    const spec = { data: { values }, mark: 'line', encoding: { x, y, color } } as TopLevelSpec;
    expect(interactiveSpec(spec)).toEqual({
      data: { values },
      mark: { type: 'line', point: { filled: true, opacity: 0, size: 70 }, tooltip: hover },
      // The stroke dims, not the whole mark: `opacity` would show the invisible vertices.
      encoding: { x, y, color, strokeOpacity: dimmed },
      params: [legendPick],
    });
  });

  it("keeps a mark's own opacity as its full strength: a faint line stays faint, and dims from there", () => {
    const faint = { data: { values }, mark: { type: 'line', opacity: 0.4 }, encoding: { x, y, color } } as TopLevelSpec;
    const points = { data: { values }, mark: { type: 'point', opacity: 0.5 }, encoding: { x, y, color } } as TopLevelSpec;
    const encodingOf = (spec: TopLevelSpec) => (interactiveSpec(spec) as unknown as { encoding: Record<string, unknown> }).encoding;
    // A line's mark opacity multiplies its stroke opacity: the channel itself runs from 1.
    expect(encodingOf(faint).strokeOpacity).toEqual(dimmed);
    expect(encodingOf(points).opacity).toEqual({ condition: { param: 'lab_series_1', value: 0.5 }, value: 0.5 * UNPICKED_OPACITY });
  });

  it('shares one selection across the layers colouring by the same field, defined where the legend is', () => {
    const spec = {
      layer: [
        { data: { values }, mark: { type: 'point', size: 9 }, encoding: { x, y, color: { ...color, legend: null } } },
        { data: { values }, mark: 'rule', encoding: { x, color } },
        { data: { values }, mark: 'text', encoding: { x, text: { field: 'model' } } },
      ],
    } as TopLevelSpec;
    const layers = (interactiveSpec(spec) as unknown as { layer: Record<string, unknown>[] }).layer;
    expect(layers.map((layer) => layer.params)).toEqual([undefined, [legendPick], undefined]);
    expect(layers.map((layer) => (layer.encoding as { opacity?: unknown }).opacity)).toEqual([dimmed, dimmed, undefined]);
    expect(layers.map((layer) => layer.mark)).toEqual([
      { type: 'point', size: 9, tooltip: hover },
      { type: 'rule', tooltip: hover },
      { type: 'text', tooltip: hover },
    ]);
  });

  it('leaves a unit that sets its own opacity, or has no legend, without a selection', () => {
    const own = { data: { values }, mark: 'point', encoding: { x, y, color, opacity: { value: 0.5 } } } as TopLevelSpec;
    const noLegend = { data: { values }, mark: 'point', encoding: { x, y, color: { ...color, legend: null } } } as TopLevelSpec;
    for (const spec of [own, noLegend]) {
      const result = interactiveSpec(spec) as unknown as Record<string, unknown>;
      expect(result.params).toBeUndefined();
      expect(result.encoding).toEqual((spec as { encoding: unknown }).encoding);
    }
  });

  it('numbers the selections of concatenated views apart, and the result compiles', async () => {
    const unit = { data: { values }, mark: 'line', encoding: { x, y, color } };
    const result = interactiveSpec({ hconcat: [unit, unit] } as TopLevelSpec) as unknown as { hconcat: { params: { name: string }[] }[] };
    expect(result.hconcat.map((view) => view.params[0]?.name)).toEqual(['lab_series_1', 'lab_series_2']);
    const vega = await compileVegaLite(result as unknown as TopLevelSpec);
    expect(JSON.stringify(vega)).toContain('lab_series_2');
  });

  it('does not change the spec it is given', () => {
    const spec = { data: { values }, mark: 'line', encoding: { x, y, color } } as TopLevelSpec;
    const before = structuredClone(spec);
    interactiveSpec(spec);
    expect(spec).toEqual(before);
  });
});
