import type { Config } from 'vega-lite';

/** A font stack every viewer has; text is measured by estimate (no canvas in Node), so keep it plain. */
const FONT = 'Helvetica, Arial, sans-serif';

/** Shared look of every figure: white background, readable 12–16 px text, light grid. */
export const FIGURE_CONFIG: Config = {
  background: 'white',
  padding: 12,
  font: FONT,
  view: { stroke: '#444' },
  title: { fontSize: 16, fontWeight: 'bold', subtitleFontSize: 12, subtitleColor: '#444', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', gridColor: '#e4e4e4', tickColor: '#444', domainColor: '#444' },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'bold', symbolSize: 90 },
};

/** Colours of the two classes, after the course's red/blue "Spectral" plots: regions light, points strong. */
export const CLASS_COLORS = {
  region: ['#f9cfc6', '#cfe2f3'],
  point: ['#d7301f', '#2166ac'],
} as const;

/**
 * Region and point colours of `classes` classes: the two {@link CLASS_COLORS} for two classes;
 * for more, the {@link SERIES_COLORS} for points and the same hues mixed 75 % with white for regions.
 */
export function classColors(classes: number): { region: string[]; point: string[] } {
  if (classes <= 2) return { region: [...CLASS_COLORS.region], point: [...CLASS_COLORS.point] };
  const point = Array.from({ length: classes }, (_, k) => SERIES_COLORS[k % SERIES_COLORS.length] ?? '#000000');
  return { region: point.map((color) => tint(color, 0.75)), point };
}

/** `#rrggbb` mixed with white: `share` of white, the rest the colour. */
function tint(color: string, share: number): string {
  const channel = (i: number) => {
    const value = Number.parseInt(color.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(value + (255 - value) * share)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** Colours of the model series in the cost-curve figure (Tableau 10, in order). */
export const SERIES_COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];

/** A Vega-Lite colour scale giving the series of `domain`, in order, the {@link SERIES_COLORS}. */
export function seriesColorScale(domain: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...domain], range: domain.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length] ?? '#000') };
}

/**
 * At most `max` of `items`, evenly spaced, first and last kept: keeps a long curve's figure
 * small without changing its shape.
 */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let k = 0; k < max; k++) {
    const item = items[Math.round((k * (items.length - 1)) / (max - 1))];
    if (item !== undefined) out.push(item);
  }
  return out;
}
