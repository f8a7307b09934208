/**
 * @mentions in the war room: `@ic` or `@IncidentCommander` (a role: whoever holds it), `@Ivy` or `@IvyChen` (a
 * person), `@all` / `@here` / `@team` (everyone). Pure, so the room and its tests share it.
 */

export interface Directory {
  roles: { id: string; name: string; holder?: string }[];
  people: { id: string; name: string }[];
}

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; text: string; label: string; target: 'everyone' | 'role' | 'person'; participants: string[]; role?: string };

const EVERYONE = new Set(['all', 'here', 'everyone', 'team', 'channel']);
const TOKEN = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;

/** "Incident Commander" → "incidentcommander": how a name is written after an @. */
export const handleOf = (name: string) => name.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

/** What `@word` points at, or undefined when nobody answers to it. */
export function resolve(word: string, dir: Directory): Omit<Extract<Segment, { kind: 'mention' }>, 'kind' | 'text'> | undefined {
  const w = handleOf(word.replace(/[._-]+$/, ''));
  if (!w) return undefined;
  if (EVERYONE.has(w)) return { label: 'everyone', target: 'everyone', participants: dir.people.map((p) => p.id) };
  const role = dir.roles.find((r) => handleOf(r.id) === w || handleOf(r.name) === w);
  if (role) return { label: role.name, target: 'role', role: role.id, participants: role.holder ? [role.holder] : [] };
  const person = dir.people.find((p) => handleOf(p.name) === w) ?? uniqueFirstName(w, dir);
  if (person) return { label: person.name, target: 'person', participants: [person.id] };
  return undefined;
}

/** `@Ivy` for "Ivy Chen", when only one person's first name is Ivy. */
function uniqueFirstName(w: string, dir: Directory) {
  const matches = dir.people.filter((p) => handleOf(p.name.split(/\s+/)[0] ?? '') === w);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The message cut into plain text and mentions (unknown @words stay text). */
export function parseMentions(text: string, dir: Directory): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = (match.index ?? 0) + match[1].length;
    const hit = resolve(match[2], dir);
    if (!hit) continue;
    // Trailing punctuation ("@ic.") is not part of the mention.
    const word = match[2].replace(/[._-]+$/, '');
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) });
    out.push({ kind: 'mention', text: `@${word}`, ...hit });
    last = start + 1 + word.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Whether a parsed message mentions this participant (by name, through a role they hold now, or everyone). */
export function mentions(segments: Segment[], participantId: string | undefined): boolean {
  if (!participantId) return false;
  return segments.some((s) => s.kind === 'mention' && s.participants.includes(participantId));
}

export interface Suggestion { insert: string; label: string; detail?: string }

/** What to offer after `@partial` in the composer: roles first (with their holder), then people. */
export function suggestions(partial: string, dir: Directory, limit = 6): Suggestion[] {
  const p = handleOf(partial);
  const out: Suggestion[] = [];
  for (const role of dir.roles) {
    if (!p || handleOf(role.id).startsWith(p) || handleOf(role.name).startsWith(p)) {
      const holder = dir.people.find((x) => x.id === role.holder)?.name;
      out.push({ insert: `@${role.id}`, label: role.name, detail: holder ?? 'open' });
    }
  }
  for (const person of dir.people) {
    if (!p || handleOf(person.name).startsWith(p) || person.name.split(/\s+/).some((part) => handleOf(part).startsWith(p))) {
      out.push({ insert: `@${person.name.replace(/\s+/g, '')}`, label: person.name });
    }
  }
  return out.slice(0, limit);
}

/** The `@partial` the caret is in, if any: where it starts and what is typed so far. */
export function mentionAt(text: string, caret: number): { start: number; partial: string } | undefined {
  const before = text.slice(0, caret);
  const match = /(^|[^\p{L}\p{N}_@])@([\p{L}\p{N}._-]*)$/u.exec(before);
  if (!match) return undefined;
  return { start: before.length - match[2].length - 1, partial: match[2] };
}
