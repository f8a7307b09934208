import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VERSION = 'v1';
/** Bound into every ciphertext: a value sealed for one purpose cannot be passed off as another. */
const AAD = Buffer.from('firedrill-outbound');

/**
 * Seals secrets the server must be able to read back (a drill's webhook URL and signing secret) with AES-256-GCM
 * under the server's secret key. The stored form is `v1.<iv>.<tag>.<ciphertext>` (base64url); a database file
 * copied without the key shows none of them.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
    this.key = Buffer.from(key);
  }

  /**
   * A box from `FIREDRILL_SECRET_KEY`: 32 random bytes as 64 hex characters or base64, or a passphrase of at
   * least 32 characters (hashed to a key). Anything shorter is refused with a message that says how to make one.
   */
  static fromText(text: string): SecretBox {
    const trimmed = text.trim();
    if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return new SecretBox(Buffer.from(trimmed, 'hex'));
    const b64 = Buffer.from(trimmed, 'base64');
    if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed) && b64.length === 32) return new SecretBox(b64);
    if (trimmed.length >= 32) return new SecretBox(createHash('sha256').update(trimmed, 'utf8').digest());
    throw new Error('FIREDRILL_SECRET_KEY must be 32 random bytes (64 hex characters or base64) or a passphrase of at least 32 characters; make one with: openssl rand -hex 32');
  }

  /** A fresh random key, for tests and in-memory databases. */
  static random(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /**
   * A value only this server can compute: HMAC-SHA256 of `purpose` under a key derived from the secret key (never
   * the sealing key itself). Alert ingest tokens are made this way (server/gameday/alert-tokens.ts).
   */
  derive(purpose: string): Buffer {
    const sub = createHmac('sha256', this.key).update('firedrill-derive-v1').digest();
    return createHmac('sha256', sub).update(purpose, 'utf8').digest();
  }

  /** Throws when the value was sealed with another key or changed since. */
  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** Where the generated key lives when no `FIREDRILL_SECRET_KEY` is set: next to the database. */
export const KEY_FILE = 'secret.key';

/**
 * The server's box: from `FIREDRILL_SECRET_KEY` when set; otherwise from `secret.key` next to the database,
 * created (32 random bytes, readable by the owner only) on first start. An in-memory database gets a key that
 * lives as long as the process.
 */
export function loadSecretBox(envKey: string | undefined, dbFile: string): { box: SecretBox; source: string } {
  if (envKey?.trim()) return { box: SecretBox.fromText(envKey), source: 'FIREDRILL_SECRET_KEY' };
  if (dbFile === ':memory:') return { box: SecretBox.random(), source: 'a key for this process only' };
  const file = join(dirname(dbFile), KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return { box: SecretBox.fromText(readFileSync(file, 'utf8')), source: file };
}
