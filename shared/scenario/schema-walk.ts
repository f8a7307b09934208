import type { z } from 'zod';
import type { Path } from './problems';

/**
 * Reads the zod schema's structure, so that "did you mean" suggestions come from the keys the schema really
 * allows at a place instead of a second list that could drift from it.
 */

type Schema = z.core.$ZodType;

/** The parts of zod's internal definitions that the walk reads. */
interface Def {
  type: string;
  innerType?: Schema;
  getter?: () => Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  valueType?: Schema;
  options?: readonly Schema[];
  discriminator?: string;
  values?: readonly unknown[];
}

function def(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

/** The schema without optional / default / lazy wrappers. */
export function unwrap(schema: Schema): Schema {
  for (;;) {
    const d = def(schema);
    if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') && d.innerType) schema = d.innerType;
    else if (d.type === 'lazy' && d.getter) schema = d.getter();
    else return schema;
  }
}

/** The branches of a (possibly lazy) union schema. */
export function unionOptions(schema: Schema): readonly Schema[] {
  return def(unwrap(schema)).options ?? [];
}

/** The keys of an object schema, in declaration order (empty for anything else). */
export function shapeKeys(schema: Schema): string[] {
  return Object.keys(def(unwrap(schema)).shape ?? {});
}

/**
 * The keys of the object schema that describes the value at `path` in `root`. A discriminated union picks its
 * branch by the value's discriminator (`measure.kind`); a plain union takes the first object branch that
 * knows the next key.
 */
export function objectKeysAt(schema: Schema, path: Path, root: unknown): string[] {
  let current: Schema | undefined = unwrap(schema);
  let value = root;
  const step = (segment: string | number) => {
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
  };
  for (const segment of path) {
    current = current && childOf(current, segment, value);
    if (!current) return [];
    step(segment);
  }
  if (!current) return [];
  const branch = pickBranch(current, value, undefined);
  return branch ? shapeKeys(branch) : [];
}

function childOf(schema: Schema, segment: string | number, value: unknown): Schema | undefined {
  const d = def(schema);
  let child: Schema | undefined;
  if (d.type === 'object') child = d.shape?.[String(segment)];
  else if (d.type === 'array') child = d.element;
  else if (d.type === 'record') child = d.valueType;
  else if (d.type === 'union') {
    const branch = pickBranch(schema, value, segment);
    child = branch && def(branch).shape?.[String(segment)];
  }
  return child && unwrap(child);
}

/** The object branch of a union that fits `value` (and has `key`, when given); the schema itself if it is an object. */
function pickBranch(schema: Schema, value: unknown, key: string | number | undefined): Schema | undefined {
  const d = def(schema);
  if (d.type === 'object') return schema;
  if (d.type !== 'union') return undefined;
  const objects = (d.options ?? []).map(unwrap).filter((o) => def(o).type === 'object');
  if (d.discriminator) {
    const tag = value && typeof value === 'object' ? (value as Record<string, unknown>)[d.discriminator] : undefined;
    return objects.find((o) => def(unwrap(def(o).shape![d.discriminator!])).values?.includes(tag));
  }
  return objects.find((o) => key === undefined || String(key) in (def(o).shape ?? {}));
}
