export { type Box, contains, type FigureLayout, figureLayout, legendAndPlotBoxes, type MarkItem, overlaps } from './figure-layout';
export { type FixtureRecord, fixtureRecords } from './fixture-records';
export { type ReadmeCode, type ReadmeExampleRun, type RunReadmeExampleOptions, readmeExample, runReadmeExample } from './readme-example';
export { smallMoonsRun, smallMoonsSweep } from './small-configs';
export { findAll, markItems, parseSvg, type SvgElement } from './svg';
export {
  MODEL_NAMES,
  type SyntheticGrid,
  type SyntheticModel,
  type SyntheticOptions,
  type SyntheticRun,
  syntheticRecord,
  syntheticTrainRecord,
} from './synthetic-run';
export { tinyMatFile } from './tiny-mat';
