/**
 * What the browser remembers about drills. A participant's token lives in localStorage so that a reload (or a
 * new tab) puts them back in the room with their roles; facilitator and observer keys come from a link and are
 * kept in sessionStorage only, so they do not outlive the tab on a shared machine.
 */

export interface ParticipantSeat {
  token: string;
  name: string;
  participantId?: string;
  /** The code the seat was taken with ("K7P-M2Q"), so the join link can offer "Continue as Ivy". */
  joinCode?: string;
  title?: string;
}
export interface StaffKey { key: string; as: 'facilitator' | 'observer' | 'unknown' }

const tokenKey = (drillId: string) => `firedrill.seat.${drillId}`;
const staffKey = (drillId: string) => `firedrill.key.${drillId}`;
const readKey = (drillId: string) => `firedrill.read.${drillId}`;

function read<T>(storage: Storage | undefined, key: string): T | undefined {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}
function write(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the drill still works, only a reload will not restore the seat.
  }
}
const local = () => (typeof localStorage === 'undefined' ? undefined : localStorage);
const session = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

export const seats = {
  get: (drillId: string) => read<ParticipantSeat>(local(), tokenKey(drillId)),
  set: (drillId: string, seat: ParticipantSeat) => write(local(), tokenKey(drillId), seat),
  clear: (drillId: string) => write(local(), tokenKey(drillId), undefined),
  /** The seat this browser took with a join code (the newest, if a code was reused after its drill ended). */
  byCode: (code: string): { drillId: string; seat: ParticipantSeat } | undefined => {
    const storage = local();
    if (!storage) return undefined;
    let found: { drillId: string; seat: ParticipantSeat } | undefined;
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (!key?.startsWith('firedrill.seat.')) continue;
        const seat = read<ParticipantSeat>(storage, key);
        if (seat?.joinCode === code) found = { drillId: key.slice('firedrill.seat.'.length), seat };
      }
    } catch {
      return undefined;
    }
    return found;
  },
};

/** What this tab was in the middle of, per drill and seat: drafts and the selected tab survive a reload. */
export const tabState = {
  get: <T,>(drillId: string, seat: string, what: string) => read<T>(session(), `firedrill.tab.${drillId}.${seat}.${what}`),
  set: (drillId: string, seat: string, what: string, value: unknown) => write(session(), `firedrill.tab.${drillId}.${seat}.${what}`, value === '' ? undefined : value),
};

export const staffKeys = {
  get: (drillId: string) => read<StaffKey>(session(), staffKey(drillId)),
  set: (drillId: string, value: StaffKey) => write(session(), staffKey(drillId), value),
  clear: (drillId: string) => write(session(), staffKey(drillId), undefined),
  /** Every drill this tab holds a key for (the runs list shows those runs by id). */
  all: (): { drillId: string; key: string }[] => {
    const storage = session();
    const out: { drillId: string; key: string }[] = [];
    try {
      for (let i = 0; storage && i < storage.length; i++) {
        const name = storage.key(i);
        if (!name?.startsWith('firedrill.key.')) continue;
        const value = read<StaffKey>(storage, name);
        if (value?.key) out.push({ drillId: name.slice('firedrill.key.'.length), key: value.key });
      }
    } catch {
      return out;
    }
    return out;
  },
};

/** Seqs of injects this browser has read, so unread marks survive a reload. */
export const readMarks = {
  get: (drillId: string) => new Set(read<number[]>(local(), readKey(drillId)) ?? []),
  set: (drillId: string, seqs: Set<number>) => write(local(), readKey(drillId), [...seqs]),
};

/** The last display name used, to prefill the join form. */
export const lastName = {
  get: () => read<string>(local(), 'firedrill.name') ?? '',
  set: (name: string) => write(local(), 'firedrill.name', name),
};

/** What "Run this drill" returned, kept for the tab so the console can show the join code and links. */
export interface CreatedDrillInfo { drillId: string; joinCode: string; facilitatorKey: string; observerKey: string }
export const createdDrills = {
  get: (drillId: string) => read<CreatedDrillInfo>(session(), `firedrill.created.${drillId}`),
  set: (info: CreatedDrillInfo) => write(session(), `firedrill.created.${info.drillId}`, info),
};
