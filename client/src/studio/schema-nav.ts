import type { Path } from '../../../shared/scenario/problems';
import { valueAt } from './yaml-cursor';

/**
 * Reads the scenario's JSON Schema (generated from the zod schema, so new keys appear here by themselves) to
 * say which keys and values fit at a place in the file, and what each one means.
 */

/** The parts of a JSON Schema (draft 2020-12, as zod writes it) that completion and hover read. */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  pattern?: string;
  minItems?: number;
  minLength?: number;
  exclusiveMinimum?: number;
}

/** A key that fits in a map, and its schema. */
export interface KeyOption { key: string; schema: JsonSchema; required: boolean }

const ID_PATTERN = '^[a-z0-9][a-z0-9-]*$';
/** Keys whose values are durations ("5m"); the JSON Schema can only say "text" for them. */
export const DURATION_KEYS = new Set(['duration', 'at', 'in', 'responds', 'target']);

export class SchemaNavigator {
  constructor(private readonly root: JsonSchema) {}

  /** The schema behind a `$ref` (only local `#/$defs/…` references occur). */
  deref(node: JsonSchema | undefined): JsonSchema | undefined {
    let current = node;
    for (let guard = 0; current?.$ref && guard < 10; guard++) {
      const name = current.$ref.replace(/^#\/\$defs\//, '');
      current = this.root.$defs?.[name];
    }
    return current;
  }

  /** The alternatives of a union (`anyOf`/`oneOf`), or the schema itself. */
  branches(node: JsonSchema | undefined): JsonSchema[] {
    const schema = this.deref(node);
    if (!schema) return [];
    const options = schema.anyOf ?? schema.oneOf;
    return options ? options.flatMap((o) => this.branches(o)) : [schema];
  }

  /**
   * The object schemas that may describe `value`: for a union of objects, the branches whose constant keys
   * (`kind: ack`) agree with it and which know its other keys; all of them when nothing is written yet.
   */
  objectBranches(node: JsonSchema | undefined, value: unknown): JsonSchema[] {
    const objects = this.branches(node).filter((b) => b.type === 'object');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return objects;
    const written = value as Record<string, unknown>;
    const fitting = objects.filter((b) => Object.entries(b.properties ?? {}).every(([k, p]) => {
      const c = this.deref(p)?.const;
      return c === undefined || written[k] === undefined || written[k] === c;
    }));
    const knowing = fitting.filter((b) => Object.keys(written).every((k) => k in (b.properties ?? {}) || b.additionalProperties !== false));
    return knowing.length ? knowing : fitting.length ? fitting : objects;
  }

  /** The schema of the value at `path` in the document `root`, or undefined where the schema says nothing. */
  at(path: Path, root: unknown): JsonSchema | undefined {
    let node: JsonSchema | undefined = this.root;
    for (let i = 0; i < path.length && node; i++) {
      const segment = path[i];
      const here = valueAt(root, path.slice(0, i));
      const candidates: JsonSchema[] = this.branches(node);
      let next: JsonSchema | undefined;
      for (const candidate of typeof segment === 'number' ? candidates : this.objectBranches(node, here)) {
        if (typeof segment === 'number' && candidate.type === 'array') next = candidate.items;
        else if (typeof segment === 'string' && candidate.properties?.[segment]) next = candidate.properties[segment];
        else if (typeof segment === 'string' && typeof candidate.additionalProperties === 'object') next = candidate.additionalProperties;
        if (next) break;
      }
      node = this.deref(next);
    }
    return node;
  }

  /** The keys that fit in the map at `path`, in schema order (an empty list for a map of free keys). */
  keys(path: Path, root: unknown): KeyOption[] {
    const parent = this.at(path, root);
    const value = valueAt(root, path);
    const out = new Map<string, KeyOption>();
    for (const branch of this.objectBranches(parent, value)) {
      for (const [key, schema] of Object.entries(branch.properties ?? {})) {
        if (!out.has(key)) out.set(key, { key, schema: this.deref(schema) ?? schema, required: branch.required?.includes(key) ?? false });
      }
    }
    return [...out.values()];
  }

  /** The fixed values a schema allows: an enum, a constant, true/false. */
  values(node: JsonSchema | undefined): unknown[] {
    const out: unknown[] = [];
    for (const branch of this.branches(node)) {
      if (branch.enum) out.push(...branch.enum);
      else if (branch.const !== undefined) out.push(branch.const);
      else if (branch.type === 'boolean') out.push(true, false);
    }
    return [...new Set(out)];
  }

  /** What a value must be, in a few words: "one of pager, chat, …", "an id (lower-case kebab-case)". */
  describe(node: JsonSchema | undefined, key?: string): string {
    if (key && DURATION_KEYS.has(key)) {
      const numeric = this.branches(node).some((b) => b.type === 'number');
      return numeric ? 'a duration like "10m", or for a rubric objective a score 0–100' : 'a duration like "45s", "5m" or "1h30m"';
    }
    const parts = this.branches(node).map((b) => {
      if (b.enum) return `one of ${b.enum.map(String).join(', ')}`;
      if (b.const !== undefined) return `${JSON.stringify(b.const)}`;
      if (b.type === 'string') return b.pattern === ID_PATTERN ? 'an id (lower-case kebab-case)' : 'text';
      if (b.type === 'boolean') return 'true or false';
      if (b.type === 'number' || b.type === 'integer') return 'a number';
      if (b.type === 'array') return 'a list';
      if (b.type === 'object') return b.properties ? 'a map of keys' : 'a map';
      return 'a condition';
    });
    return [...new Set(parts)].join(', or ') || 'anything';
  }
}
