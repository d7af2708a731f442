import type { DataSpec } from './run-config';

/** The fields of a data spec that name files: a MAT file's `path`, a CSV's `path` and `testPath`. */
export type DataFileField = 'path' | 'testPath';

/**
 * The data spec with each file path it names replaced by `map(path, field)`: to resolve relative
 * paths against a directory, or to confine them to one. A MAT spec without a path (the course's
 * football.mat from `LAB_FOOTBALL_MAT` or the default) and the built-in sets are returned as they are.
 */
export async function mapDataFiles(
  spec: DataSpec,
  map: (path: string, field: DataFileField) => string | Promise<string>,
): Promise<DataSpec> {
  if (spec.kind === 'mat') return spec.path === undefined ? spec : { ...spec, path: await map(spec.path, 'path') };
  if (spec.kind !== 'csv') return spec;
  const path = await map(spec.path, 'path');
  return spec.testPath === undefined ? { ...spec, path } : { ...spec, path, testPath: await map(spec.testPath, 'testPath') };
}
