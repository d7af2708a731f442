// What a pool thread of the experiment runs, and nothing else: a worker imports this entry, not the
// package's index, so that it does not load the record schemas and the report (zod, @lab/report).
export {
  type MeasurementGroup,
  type MeasurementGroups,
  type Measurements,
  type MeasurementsConfig,
  runMeasurementGroup,
  runMeasurements,
} from './measurements';
export { type ClassificationData, runJob } from './run-job';
