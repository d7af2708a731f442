import { ConfigError } from '@lab/tensor';
import type { JsonValue } from '../internal/json-safe';

/** The segment `[*]`: every item of a list that has the rest of the path (no key can be written so). */
export const EVERY_ITEM = '[*]';

/** One step of a {@link ParamPath}: an object key, an array index, or {@link EVERY_ITEM}. */
export type PathSegment = string | number;

/**
 * A parsed parameter path: `model.layers[2].keepProb` is `['model', 'layers', 2, 'keepProb']`,
 * `model.layers[*].init.scale` is `['model', 'layers', '[*]', 'init', 'scale']`.
 */
export type ParamPath = readonly PathSegment[];

/** A JSON value: what a run config is made of, and what a sweep sets. */
export type { JsonValue };

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*/;
const INDEX = /^\[(0|[1-9][0-9]{0,5}|\*)\]/;

/**
 * Parses a dotted path into a run config: keys joined by `.`, array indices in brackets,
 * e.g. `optimizer.learningRate`, `model.layers[2].keepProb`, `model.layers[0].init.scale`; `[*]`
 * stands for every item of a list that has the rest of the path (`model.layers[*].init.scale`:
 * one value for every linear layer's weight scale).
 * @throws ConfigError naming the path and the position that does not parse
 */
export function parseParamPath(path: string): ParamPath {
  const segments: PathSegment[] = [];
  let rest = path;
  let position = 0;
  const fail = (what: string): never => {
    throw new ConfigError(`parameter path "${path}": ${what} at character ${position + 1}`);
  };
  if (rest.length === 0) fail('empty path');
  while (rest.length > 0) {
    if (segments.length > 0 && rest.startsWith('.')) {
      rest = rest.slice(1);
      position++;
      if (rest.length === 0) fail('expected a key after "."');
    } else if (segments.length > 0 && !rest.startsWith('[')) {
      fail('expected "." or "["');
    }
    const index = INDEX.exec(rest);
    if (index !== null && segments.length > 0) {
      segments.push(index[1] === '*' ? EVERY_ITEM : Number(index[1]));
      rest = rest.slice(index[0].length);
      position += index[0].length;
      continue;
    }
    const key = KEY.exec(rest);
    if (key === null)
      fail(
        segments.length > 0 && rest.startsWith('[') ? 'expected an index such as [2] or [*]' : 'expected a key (letters, digits, _ or -)',
      );
    const name = (key as RegExpExecArray)[0];
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') fail(`"${name}" is not allowed as a key`);
    segments.push(name);
    rest = rest.slice(name.length);
    position += name.length;
  }
  return segments;
}

/** The path written back as text: `['model', 'layers', 2, 'keepProb']` → `model.layers[2].keepProb`. */
export function formatParamPath(path: ParamPath): string {
  return path
    .map((segment, i) =>
      segment === EVERY_ITEM ? segment : typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`,
    )
    .join('');
}

function isObject(value: unknown): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `root` with the value at `path` replaced (or added, when the last key is missing
 * from its object). Only the containers along the path are copied; `root` is not mutated.
 * Every container along the path must exist: a sweep varies a config, it does not invent one.
 * At `[*]` the value is set in every item of the list that has the whole rest of the path (its
 * last key included), and the others are left alone; at least one item must have it.
 * @param root - a run config as JSON
 * @throws ConfigError naming the path and the first segment that does not exist or is not a container
 */
export function setByPath(root: JsonValue, path: ParamPath, value: JsonValue): JsonValue {
  return setFrom(root, path, 0, value);
}

function setFrom(node: JsonValue, path: ParamPath, depth: number, value: JsonValue): JsonValue {
  if (depth === path.length) return value;
  const head = path[depth] as PathSegment;
  const fail = (message: string): never => {
    throw new ConfigError(`${formatParamPath(path)}: ${message}`);
  };
  const last = depth === path.length - 1;
  if (head === EVERY_ITEM) {
    if (!Array.isArray(node)) return fail('[*] stands for the items of something that is not a list');
    const list = node as readonly JsonValue[];
    const rest = path.slice(depth + 1);
    let matched = 0;
    const copy = list.map((item) => {
      if (getByPath(item, rest) === undefined) return item;
      matched++;
      return setFrom(item, path, depth + 1, value);
    });
    if (matched === 0) fail(`no item of the list at ${formatParamPath(path.slice(0, depth))} has ${formatParamPath(rest)}`);
    return copy;
  }
  if (typeof head === 'number') {
    if (!Array.isArray(node)) return fail(`[${head}] indexes something that is not a list`);
    const list = node as readonly JsonValue[];
    if (head >= list.length) fail(`index ${head} is out of range: the list has ${list.length} items`);
    const copy = [...list];
    copy[head] = setFrom(list[head] as JsonValue, path, depth + 1, value);
    return copy;
  }
  if (!isObject(node)) return fail(`"${head}" is a key of something that is not an object`);
  if (!last && !Object.hasOwn(node, head)) fail(`"${head}" does not exist in the base config`);
  return { ...node, [head]: last ? value : setFrom(node[head] as JsonValue, path, depth + 1, value) };
}

/**
 * The value at `path`, or undefined when any segment is missing. At `[*]`: the value in the first
 * item of the list that has the rest of the path (the items a sweep sets all hold the same value).
 * @param root - a run config as JSON
 */
export function getByPath(root: JsonValue, path: ParamPath): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const [depth, segment] of path.entries()) {
    if (segment === EVERY_ITEM) {
      if (!Array.isArray(node)) return undefined;
      const rest = path.slice(depth + 1);
      for (const item of node as readonly JsonValue[]) {
        const found = getByPath(item, rest);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) return undefined;
      node = (node as readonly JsonValue[])[segment];
    } else {
      if (!isObject(node) || !Object.hasOwn(node, segment)) return undefined;
      node = node[segment];
    }
  }
  return node;
}
