/**
 * `@lab/trainer/config`: reading run and sweep configs, and nothing that trains. The same
 * functions as the package's main entry, in a module that loads only the config schemas (zod,
 * `@lab/tensor`'s errors, `@lab/datasets`' limits), not the layers, the compiled models or the
 * run records: a command line can validate a config, and report its mistake, quickly.
 */
export { type DataFileField, mapDataFiles } from './config/data-files';
export {
  type DataSpec,
  type ParseRunConfigOptions,
  parseRunConfig,
  type RunConfig,
  type RunConfigInput,
} from './config/run-config';
export { type ExpressionParser, loadExpressionParser } from './schedules';
export { type ParseSweepConfigOptions, parseSweepConfig, type SweepConfig, type SweepConfigInput } from './sweep/sweep-config';
