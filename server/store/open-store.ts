import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PgStoreOptions } from './pg-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

/** Where a store is: a SQLite file or a PostgreSQL database. */
export type StoreLocation = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/**
 * Reads a store location as the CLI and the configuration write it: `postgres://…` or `postgresql://…` (PostgreSQL),
 * `sqlite:<path>` or a plain path (SQLite). Throws with a message that says what is accepted.
 */
export function parseStoreLocation(text: string): StoreLocation {
  const value = text.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new Error(`"${value}" is not a PostgreSQL URL; write it like postgres://user:password@host:5432/firedrill`);
    }
    return { engine: 'postgres', url: value };
  }
  const file = value.replace(/^sqlite:/i, '');
  if (!file) throw new Error('Give a store as sqlite:<path to the .db file> or postgres://user:password@host:5432/database');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) throw new Error(`"${value}" is neither a SQLite file nor a postgres:// URL`);
  return { engine: 'sqlite', file: resolve(file) };
}

/** A location for messages: a PostgreSQL URL without its password. */
export function describeLocation(location: StoreLocation): string {
  if (location.engine === 'sqlite') return location.file;
  const url = new URL(location.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * Opens (and migrates) the store at `location`. `mustExist`: a SQLite file that does not exist is an error (the CLI
 * reads existing stores; the server creates its file).
 */
export async function openStore(location: StoreLocation, options: { mustExist?: boolean; pg?: PgStoreOptions } = {}): Promise<Store> {
  // Loaded only when asked for: a single node on SQLite never loads the PostgreSQL driver.
  if (location.engine === 'postgres') return (await import('./pg-store')).PgStore.open(location.url, options.pg);
  if (options.mustExist && !existsSync(location.file)) throw new Error(`There is no drill store at ${location.file}.`);
  return new SqliteStore(location.file);
}
