// Reading, rendering and writing reports.
export { type FileWriter, nodeFileWriter, writeFileAtomic } from './atomic-write';
// Building blocks for a record kind's report (see the README's "Your own record kind").
export { type BinaryModelFigure, type BinaryModelFiguresInput, binaryModelFigures } from './binary-run/binary-model-figures';
export { binaryRunIssues } from './binary-run/consistency';
export { COST_CURVES_FILE, type CostSeries, costCurvesChart } from './binary-run/cost-curves-figure';
export { type DecisionBoundaryInput, decisionBoundarySpec } from './binary-run/decision-boundary-figure';
export { type ContourSegment, contourLength, decisionContour } from './binary-run/decision-contour';
export { type PlotRange, plotRangeFor } from './binary-run/decision-regions';
export { type ModelFigures, modelBoundarySpec, modelFigures } from './binary-run/model-figures';
export { decisionBoundaryFileNames, modelLabels } from './binary-run/model-labels';
export { modelTimingsSection, type TimedModels } from './binary-run/model-timings-section';
export { movingAverage, movingAverageHalfWidth } from './binary-run/moving-average';
export { resultsSection, resultsTable } from './binary-run/results-section';
export { architectureText, networkText, setupSection } from './binary-run/setup-section';
export { trainReportKind } from './binary-run/train-report-kind';
export { TRAINING_CURVE_SERIES, trainingCurvesSpec } from './binary-run/training-curves-figure';
export { environmentSection } from './environment-section';
export { CLASS_COLORS, classColors, FIGURE_CONFIG, SERIES_COLORS, seriesColorScale, thin } from './figure-theme';
export { formatCost, formatCostExact, formatExact, formatFixed, formatSignificant } from './format-number';
export { interactiveSpec, UNPICKED_OPACITY } from './html/interactive-spec';
export { REPORT_HTML_FILE, renderReportHtml } from './html/render-report-html';
export { type LoadedRunRecord, loadRunRecord, loadRunRecordFile, MAX_RUN_RECORD_BYTES } from './load-run-record';
export {
  bulletList,
  type Cell,
  type Column,
  code,
  heading,
  html,
  type Inline,
  image,
  paragraph,
  root,
  strong,
  table,
  text,
  toGfm,
} from './markdown';
export {
  type CommitResult,
  isOutputFileName,
  type OutputDirectory,
  type OutputFile,
  openOutputDirectory,
} from './output-directory';
export { OutputError } from './output-error';
export { type ParseRunRecordOptions, parseRunRecord } from './parse-run-record';
export {
  type ComparisonStatus,
  type ComparisonTally,
  comparisonTally,
  type PublishedComparisonRow,
  publishedComparisonSection,
} from './published-comparison';
export type { RecordIssue } from './record-issue';
export { renderReport } from './render-report';
export { compileVegaLite, preloadFigureRenderer, prerenderFigure, renderFigure, renderVegaLite } from './render-vega-lite';
export type { Figure, RenderedReport } from './rendered-report';
export { ReportError } from './report-error';
export type { RecordSchema, ReportKind, ReportKindsOption, RunRecord } from './report-kind';
export { LEARNING_CURVES_FILE } from './sweep/learning-curves-figure';
export { metricFigureFile, pairedMetrics } from './sweep/metric-figure';
export { bestAndWorstTrials, renderSweepReport } from './sweep/render-sweep-report';
export type { LearningCurve, SweepReportInput } from './sweep/sweep-report-input';
export { maskTimings, TIMINGS_END, TIMINGS_START } from './timings';
export { type Timings, timingsSection } from './timings-section';
export { REPORT_FILE, RUN_RECORD_FILE, type WriteReportOptions, type WrittenReport, writeReport } from './write-report';
