import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

/** The schema under wrappers (default, optional, a transform's input), which do not change the fields. */
function unwrap(schema: AnySchema): AnySchema {
  let node = schema;
  for (;;) {
    const def = node._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) {
      node = def.innerType;
    } else if (def.type === 'pipe' && def.in) node = def.in;
    else return node;
  }
}

/** Of a discriminated union, the option whose discriminator matches the value's; the schema itself otherwise. */
function resolve(schema: AnySchema, value: unknown): AnySchema | undefined {
  const node = unwrap(schema);
  const def = node._zod.def as { type: string; options?: AnySchema[]; discriminator?: string };
  if (def.type !== 'union') return node;
  if (def.discriminator === undefined || typeof value !== 'object' || value === null) return undefined;
  const wanted = (value as Record<string, unknown>)[def.discriminator];
  return def.options?.find((option) => {
    const shape = (unwrap(option)._zod.def as { shape?: Record<string, AnySchema> }).shape;
    const literal = shape?.[def.discriminator as string]?._zod.def as { values?: unknown[] } | undefined;
    return literal?.values?.includes(wanted) === true;
  });
}

/**
 * The field names the object at `path` of `value` may have under `schema` (following the kinds of
 * discriminated unions), for "unknown field" messages; undefined when the path leads nowhere known.
 */
export function fieldsAt(schema: AnySchema, value: unknown, path: readonly (string | number)[]): string[] | undefined {
  let node: AnySchema | undefined = schema;
  let at = value;
  for (const key of path) {
    node = node === undefined ? undefined : resolve(node, at);
    if (node === undefined) return undefined;
    const def = node._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
    if (def.type === 'object' && typeof key === 'string' && def.shape?.[key] !== undefined) node = def.shape[key];
    else if (def.type === 'array' && typeof key === 'number' && def.element !== undefined) node = def.element;
    else return undefined;
    at = typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[key] : undefined;
  }
  node = node === undefined ? undefined : resolve(node, at);
  const shape = node === undefined ? undefined : (node._zod.def as { shape?: Record<string, AnySchema> }).shape;
  return shape === undefined ? undefined : Object.keys(shape);
}
