import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { ErrorCode } from '../shared/protocol/messages';
import { loadScenario, type ScenarioProblem } from '../shared/scenario/load';
import { Id } from '../shared/scenario/schema';
import type { Clock } from './clock';
import { hashSecret, secretMatches } from './ids';
import type { ScenarioCatalog } from './scenario-catalog';

/**
 * The scenario folder as the studio sees it: the source text of each scenario, and (with the server's admin key)
 * saving a scenario into the folder so that it joins the library at once. A save is validated again here, written
 * atomically (a temporary file renamed over the old one), and the previous version is kept in `.history/`.
 *
 * Files the studio did not write (the bundled scenarios, files an operator put in the folder) are never
 * overwritten: saving under their id is refused with a suggestion for a new one. The studio's own files are
 * listed in `.history/studio.json`.
 */

/** Saving is for people who run the server: the key is long enough that guessing it is hopeless. */
export const MIN_ADMIN_KEY_LENGTH = 16;
/** Previous versions kept per file. */
export const KEEP_VERSIONS = 20;
const HISTORY = '.history';
const MANIFEST = 'studio.json';

export interface LibraryOptions {
  /** The scenario folder; without one, sources are written out from the loaded scenarios and nothing is saved. */
  dir?: string;
  /** File name (in `dir`) of each scenario loaded at start, by scenario id. */
  files: Record<string, string>;
  /** Enables saving; unset (the default), the library is read-only. */
  adminKey?: string;
}

/** A refusal, as the HTTP route answers it. */
export interface Refusal { ok: false; status: number; code: ErrorCode; message: string; problems?: ScenarioProblem[] }
export interface Saved { ok: true; id: string; file: string; created: boolean; backup?: string; warnings: ScenarioProblem[] }

export class ScenarioLibrary {
  private readonly dir?: string;
  private readonly files: Map<string, string>;
  private readonly keyHash?: string;

  constructor(options: LibraryOptions, private readonly catalog: ScenarioCatalog, private readonly clock: Clock) {
    this.dir = options.dir === undefined ? undefined : resolve(options.dir);
    this.files = new Map(Object.entries(options.files));
    if (options.adminKey) this.keyHash = hashSecret(options.adminKey);
  }

  /** The files of a scenario folder read after the start (`ApplicationOptions.scenarios` as a promise), by id. */
  addFiles(files: Record<string, string>): void {
    for (const [id, file] of Object.entries(files)) if (!this.files.has(id)) this.files.set(id, file);
  }

  /** True when the server was started with an admin key. */
  get canSave(): boolean {
    return this.keyHash !== undefined && this.dir !== undefined;
  }

  /** Refuses a request without this server's admin key (constant-time comparison). */
  checkKey(presented: string | undefined): Refusal | undefined {
    if (!this.canSave || !this.keyHash) {
      return { ok: false, status: 403, code: 'forbidden', message: 'Saving to the library is off on this server. Whoever runs it can turn it on by starting it with FIREDRILL_ADMIN_KEY set to a long secret (docs/operations.md). Meanwhile, download the file and put it in the scenarios folder.' };
    }
    if (!presented) return { ok: false, status: 401, code: 'unauthorized', message: 'Saving needs the admin key: send it in the x-firedrill-admin-key header.' };
    if (!secretMatches(presented, this.keyHash)) return { ok: false, status: 403, code: 'forbidden', message: 'That is not this server\'s admin key. Ask whoever runs the server for it.' };
    return undefined;
  }

  /** True when reading scenario files needs the admin key: whenever the server has one. */
  get sourcesNeedKey(): boolean {
    return this.keyHash !== undefined;
  }

  /**
   * Refuses to show a scenario's file without the admin key on a server that has one: a script is the exercise
   * staff's, and the players share the server. Without a key the server is one person's (or a team that writes
   * its own drills), and its files are open like the library itself.
   */
  checkReadKey(presented: string | undefined): Refusal | undefined {
    if (!this.keyHash) return undefined;
    if (!presented) return { ok: false, status: 401, code: 'unauthorized', message: 'This server keeps scenario files to people with its admin key (the players share it). Enter the admin key to open a copy.' };
    if (!secretMatches(presented, this.keyHash)) return { ok: false, status: 403, code: 'forbidden', message: 'That is not this server\'s admin key. Ask whoever runs the server for it.' };
    return undefined;
  }

  /** The text of a scenario's file, or (for a scenario that came from no file here) the scenario written out as YAML. */
  source(id: string): { id: string; file: string | null; text: string } | undefined {
    const scenario = this.catalog.get(id);
    if (!scenario) return undefined;
    const file = this.files.get(id);
    const dir = this.dir;
    if (file && dir) {
      try {
        return { id, file, text: readFileSync(join(dir, file), 'utf8') };
      } catch {
        // Moved or deleted since the server started: the loaded scenario is still the one being offered.
      }
    }
    return { id, file: null, text: `# ${scenario.title}: written out from the loaded scenario (its file is not in the folder).\n${stringify(scenario)}` };
  }

  /** Validates `text` and saves it as `<id>.yaml`; the catalog offers it at once. Call `checkKey` first. */
  save(id: string, text: unknown): Refusal | Saved {
    const dir = this.dir;
    if (!dir || !this.canSave) return this.checkKey(undefined)!;
    if (!Id.safeParse(id).success) return refuse(400, 'invalid', `"${id}" is not a scenario id: ids are lower-case kebab-case, like "partner-db-down".`);
    if (typeof text !== 'string' || !text.trim()) return refuse(400, 'invalid', 'Send the scenario as { "text": "<the YAML file>" }.');
    const loaded = loadScenario(text);
    if (!loaded.ok) {
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      return { ...refuse(400, 'invalid', `The scenario has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} and save again. First: line ${errors[0].line}: ${errors[0].message}`), problems: loaded.problems };
    }
    const scenario = loaded.scenario;
    if (scenario.id !== id) return refuse(400, 'invalid', `The file says id: ${scenario.id}, but it is being saved as "${id}". Save it as "${scenario.id}", or change its id.`);

    const file = `${id}.yaml`;
    const path = join(dir, file);
    // The id is kebab-case, so the path cannot leave the folder; checked anyway, as the last line of defence.
    if (resolve(path, '..') !== dir) return refuse(400, 'invalid', 'That file name is not in the scenario folder.');
    const owned = this.owned(dir);
    const loadedFrom = this.files.get(id);
    if (loadedFrom !== undefined && loadedFrom !== file) {
      return refuse(409, 'conflict', `The library already has a scenario "${id}" (${loadedFrom}). Save yours under a new id, like "${id}-copy".`);
    }
    const exists = existsSync(path);
    if (exists && !owned.has(file)) {
      return refuse(409, 'conflict', `"${id}" is a scenario in the library folder (${file}) that the studio did not write, and the studio never overwrites those. Save your copy under a new id, like "${id}-copy".`);
    }

    const history = join(dir, HISTORY);
    mkdirSync(history, { recursive: true });
    // Claim the file first: a crash before the rename leaves an extra name in the list, never an unlisted studio file.
    if (!owned.has(file)) writeAtomically(join(history, MANIFEST), `${JSON.stringify({ files: [...owned, file].sort() }, null, 2)}\n`);
    let backup: string | undefined;
    if (exists) {
      backup = this.backupName(history, file);
      copyFileSync(path, join(history, backup));
      prune(history, file);
    }
    writeAtomically(path, text);
    this.files.set(id, file);
    const created = !this.catalog.get(id);
    this.catalog.put(scenario);
    return { ok: true, id, file, created, ...(backup ? { backup: `${HISTORY}/${backup}` } : {}), warnings: loaded.warnings };
  }

  /** File names the studio has written. */
  private owned(dir: string): Set<string> {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, HISTORY, MANIFEST), 'utf8')) as { files?: unknown };
      return new Set(Array.isArray(parsed.files) ? parsed.files.filter((f): f is string => typeof f === 'string') : []);
    } catch {
      return new Set();
    }
  }

  /** `<file>.<UTC time>.bak`, unique even for two saves in the same millisecond. */
  private backupName(history: string, file: string): string {
    const stamp = new Date(this.clock.now()).toISOString().replace(/[-:]/g, '').replace('.', '-');
    let name = `${file}.${stamp}.bak`;
    for (let n = 2; existsSync(join(history, name)); n++) name = `${file}.${stamp}-${n}.bak`;
    return name;
  }
}

/** Keeps the newest `KEEP_VERSIONS` backups of a file. */
function prune(history: string, file: string): void {
  const backups = readdirSync(history).filter((name) => name.startsWith(`${file}.`) && name.endsWith('.bak')).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - KEEP_VERSIONS))) rmSync(join(history, old), { force: true });
}

/** Writes a temporary file beside `path`, flushes it to disk and renames it over `path`: readers see the old file or the new one. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    syncFolder(resolve(path, '..'));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Makes a rename durable: on Linux the folder's entry is on disk only once the folder itself is flushed. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform can open a folder (Windows); the rename itself is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function refuse(status: number, code: ErrorCode, message: string): Refusal {
  return { ok: false, status, code, message };
}
