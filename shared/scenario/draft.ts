import type { z } from 'zod';
import { formatPath, type Path } from './problems';
import { AfterTransition, Contact, Id, Inject, Objective, OnTransition, Role, Scenario, State, Telemetry } from './schema';

/**
 * A scenario read from a file the schema rejects: every part that is well-formed, so that the checks that need
 * the whole file (references, timing, the state graph) can still run on it and the author sees every problem
 * in one pass instead of one layer at a time. What could not be read is described in `gaps`, so those checks
 * stay silent about what they cannot judge instead of reporting consequences of a schema error.
 */

/** The kinds of id a scenario refers to elsewhere in the file. */
export type RefKind = 'role' | 'contact' | 'telemetry series' | 'inject' | 'state';

/** What a draft could not read. */
export interface Gaps {
  /** Ids of entries the schema rejected whose `id` still reads well: references to them are not reported. */
  ids: Record<RefKind, string[]>;
  /** Kinds whose ids are not all known (an entry without a readable id, a list that is not a list). No reference to them is reported. */
  unsure: RefKind[];
  /** The state graph is not fully known (a state that is not a map, transitions that do not read): reachability is not judged. */
  graphUnknown: boolean;
  /** Transitions the schema rejected whose `goto` still reads: they still count as ways from one state to another. */
  edges: { from: string; to: string }[];
}

export interface Draft {
  /** The parts of the file that are well-formed, with defaults filled in and stand-ins for broken required keys. */
  scenario: Scenario;
  gaps: Gaps;
  /** The path in the file of a path in `scenario` (lists whose broken entries were left out number them differently). */
  sourcePath(path: Path): Path;
  /** True when `path` (in the file) is at or under a value the draft replaced with a stand-in. */
  replaced(path: Path): boolean;
}

type Schema = z.ZodType;

/** Stand-ins for required top-level keys that do not read: never reported on, never referred to. */
const STAND_INS: Record<string, unknown> = { id: 'draft', version: 1, title: '-', summary: '-', severity: 'SEV1', duration: '0s', roles: [], initial: '', states: {} };
/** The lists whose entries have ids other parts of the file refer to. */
const LISTS: Record<string, { element: Schema; kind?: RefKind }> = {
  roles: { element: Role, kind: 'role' },
  contacts: { element: Contact, kind: 'contact' },
  telemetry: { element: Telemetry, kind: 'telemetry series' },
  objectives: { element: Objective },
};

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shapeOf = (schema: Schema): Record<string, Schema> => (schema as unknown as { shape: Record<string, Schema> }).shape;

/**
 * Reads what it can of a scenario that failed the schema. Returns undefined when even the stand-ins do not make
 * a scenario (a format this reader does not know yet): then only the schema's problems are reported.
 */
export function readDraft(value: Record<string, unknown>): Draft | undefined {
  const gaps: Gaps = { ids: { role: [], contact: [], 'telemetry series': [], inject: [], state: [] }, unsure: [], graphUnknown: false, edges: [] };
  const replacedPaths: Path[] = [];
  /** formatted path of a list in the draft → the file index of each kept entry. */
  const kept = new Map<string, number[]>();
  const unsure = (kind: RefKind) => gaps.unsure.includes(kind) || gaps.unsure.push(kind);
  const unknownKeys = (raw: Record<string, unknown>, schema: Schema) => Object.keys(raw).some((k) => !(k in shapeOf(schema)));

  /** The entries of a list that parse, remembering where each came from; ids of broken ones go to `gaps`. */
  const readList = <T>(raw: unknown, path: Path, element: Schema, kind: RefKind | undefined, broken?: (entry: unknown) => void): T[] | undefined => {
    if (!Array.isArray(raw)) return undefined;
    const out: T[] = [];
    const indexes: number[] = [];
    raw.forEach((entry, i) => {
      const parsed = element.safeParse(entry);
      if (parsed.success) {
        out.push(parsed.data as T);
        indexes.push(i);
        return;
      }
      broken?.(entry);
      if (!kind) return;
      const id = isMap(entry) ? entry.id : undefined;
      if (typeof id === 'string' && Id.safeParse(id).success) gaps.ids[kind].push(id);
      // An entry without an id (an anonymous inject) is referred to by nobody; one with a broken id may be anybody.
      else if (kind !== 'inject' || id !== undefined) unsure(kind);
    });
    if (indexes.length !== raw.length) kept.set(formatPath(path), indexes);
    return out;
  };

  const readState = (id: string, raw: unknown) => {
    const path: Path = ['states', id];
    const parsed = State.safeParse(raw);
    if (parsed.success) return parsed.data;
    if (!isMap(raw)) {
      replacedPaths.push(path);
      gaps.graphUnknown = true;
      unsure('inject');
      return State.parse({});
    }
    // A misspelt key may be any of the keys that are missing.
    const misspelt = unknownKeys(raw, State);
    const parts: Record<string, unknown> = {};
    for (const key of Object.keys(shapeOf(State))) {
      const value = raw[key];
      if (value === undefined) {
        if (misspelt && key === 'injects') unsure('inject');
        else if (misspelt && (key === 'on' || key === 'after' || key === 'final')) gaps.graphUnknown = true;
        continue;
      }
      if (key === 'injects') {
        const injects = readList(value, [...path, key], Inject, 'inject');
        if (injects) parts.injects = injects;
        else unsure('inject');
      } else if (key === 'on' || key === 'after') {
        const transitions = readList(value, [...path, key], key === 'on' ? OnTransition : AfterTransition, undefined, (entry) => {
          const goto = isMap(entry) ? entry.goto : undefined;
          if (typeof goto === 'string') gaps.edges.push({ from: id, to: goto });
          else gaps.graphUnknown = true;
        });
        if (transitions) parts[key] = transitions;
        else gaps.graphUnknown = true;
      } else {
        const part = shapeOf(State)[key].safeParse(value);
        if (part.success) parts[key] = part.data;
        else if (key === 'final') gaps.graphUnknown = true;
      }
    }
    const state = State.safeParse(parts);
    return state.success ? state.data : undefined;
  };

  const misspelt = unknownKeys(value, Scenario);
  const top: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shapeOf(Scenario))) {
    const raw = value[key];
    const list = LISTS[key];
    if (key === 'states') {
      if (!isMap(raw)) {
        replacedPaths.push([key]);
        unsure('state');
        top.states = {};
        continue;
      }
      const states: Record<string, unknown> = {};
      for (const [id, def] of Object.entries(raw)) {
        // A state whose name is not an id is still read under that name; what it was meant to be called is unknown.
        if (!Id.safeParse(id).success) unsure('state');
        const state = readState(id, def);
        if (state) states[id] = state;
        else {
          replacedPaths.push(['states', id]);
          gaps.graphUnknown = true;
          states[id] = State.parse({});
        }
      }
      top.states = states;
    } else if (list) {
      const entries = raw === undefined ? undefined : readList(raw, [key], list.element, list.kind);
      if (entries) top[key] = entries;
      else {
        // Not a list, missing although required, or (with a misspelt key beside it) written under another name.
        const required = key in STAND_INS;
        if (list.kind && (raw !== undefined || misspelt || required)) unsure(list.kind);
        if (raw !== undefined || required) replacedPaths.push([key]);
        top[key] = raw === undefined && !required ? undefined : [];
      }
    } else {
      const parsed = schema.safeParse(raw);
      if (parsed.success) top[key] = parsed.data;
      else if (key in STAND_INS) {
        top[key] = STAND_INS[key];
        replacedPaths.push([key]);
      }
    }
  }
  // The format needs one role; a draft without any readable one gets a stand-in, and role references go unjudged.
  if (Array.isArray(top.roles) && top.roles.length === 0) {
    top.roles = [{ id: 'firedrill-draft-role', name: '-' }];
    unsure('role');
  }
  if (gaps.unsure.includes('state')) gaps.graphUnknown = true;
  const scenario = Scenario.safeParse(top);
  if (!scenario.success) return undefined;

  return {
    scenario: scenario.data,
    gaps,
    sourcePath: (path) => {
      const out: Path = [];
      for (const segment of path) {
        const indexes = kept.get(formatPath(out));
        out.push(typeof segment === 'number' && indexes ? (indexes[segment] ?? segment) : segment);
      }
      return out;
    },
    replaced: (path) => replacedPaths.some((r) => r.length <= path.length && r.every((segment, i) => segment === path[i])),
  };
}
