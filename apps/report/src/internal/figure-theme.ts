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

/** Colours of the model series in the cost-curve figure (Tableau 10, in order). */
export const SERIES_COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'];
