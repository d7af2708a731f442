import type { TopLevelSpec } from 'vega-lite';

/** One SVG figure of a report; the markdown links it by `fileName`, relative to report.md. */
export interface Figure {
  /** e.g. `cost-curves.svg`, `decision-boundary-l2.svg` */
  readonly fileName: string;
  /** The whole SVG document. */
  readonly svg: string;
  /**
   * The Vega-Lite spec the SVG was drawn from (see `renderFigure`): `report.html` shows it
   * interactive. Without it, `report.html` shows the SVG as it is.
   */
  readonly spec?: TopLevelSpec;
}

/** A report in memory: the markdown of report.md and the figures to write beside it. */
export interface RenderedReport {
  readonly markdown: string;
  readonly figures: readonly Figure[];
}
