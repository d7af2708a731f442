/** One SVG figure of a report; the markdown links it by `fileName`, relative to report.md. */
export interface Figure {
  /** e.g. `cost-curves.svg`, `decision-boundary-l2.svg` */
  readonly fileName: string;
  /** The whole SVG document. */
  readonly svg: string;
}

/** A report in memory: the markdown of report.md and the figures to write beside it. */
export interface RenderedReport {
  readonly markdown: string;
  readonly figures: readonly Figure[];
}
