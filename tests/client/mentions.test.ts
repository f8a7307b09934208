import { describe, expect, it } from 'vitest';
import { mentionAt, mentions, parseMentions, suggestions, type Directory } from '../../client/src/room/mentions';

const dir: Directory = {
  roles: [
    { id: 'ic', name: 'Incident Commander', holder: 'p-ivy' },
    { id: 'comms', name: 'Communications Lead', holder: 'p-ben' },
    { id: 'scribe', name: 'Scribe' },
  ],
  people: [{ id: 'p-ivy', name: 'Ivy Chen' }, { id: 'p-ben', name: 'Ben' }, { id: 'p-bea', name: 'Bea Ortiz' }],
};

describe('@mentions', () => {
  it('finds roles (by id or name), people (by full name or a unique first name) and everyone', () => {
    const parts = parseMentions('@ic can you page the vendor? cc @Ben, @IvyChen and @all. Not @nobody, not me@mail.com', dir);
    expect(parts.filter((p) => p.kind === 'mention').map((p) => [p.text, p.kind === 'mention' && p.label])).toEqual([
      ['@ic', 'Incident Commander'], ['@Ben', 'Ben'], ['@IvyChen', 'Ivy Chen'], ['@all', 'everyone'],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('@ic can you page the vendor? cc @Ben, @IvyChen and @all. Not @nobody, not me@mail.com');
    expect(parseMentions('@IncidentCommander?', dir)[0]).toMatchObject({ kind: 'mention', text: '@IncidentCommander', role: 'ic' });
    expect(parseMentions('@ivy.', dir)[0]).toMatchObject({ kind: 'mention', text: '@ivy', participants: ['p-ivy'] });
  });

  it('says whether a message mentions you: by name, by a role you hold now, or everyone', () => {
    expect(mentions(parseMentions('@ic please', dir), 'p-ivy')).toBe(true);
    expect(mentions(parseMentions('@ic please', dir), 'p-ben')).toBe(false);
    expect(mentions(parseMentions('@scribe anyone?', dir), 'p-ben')).toBe(false); // open role: nobody
    expect(mentions(parseMentions('@here update', dir), 'p-bea')).toBe(true);
    expect(mentions(parseMentions('email ben@example.com', dir), 'p-ben')).toBe(false);
  });

  it('suggests roles with their holder, then people, for what is typed after @', () => {
    expect(suggestions('co', dir)).toEqual([{ insert: '@comms', label: 'Communications Lead', detail: 'Ben' }]);
    expect(suggestions('b', dir).map((s) => s.insert)).toEqual(['@Ben', '@BeaOrtiz']);
    expect(suggestions('', dir)).toHaveLength(6);
    expect(mentionAt('hello @Iv', 9)).toEqual({ start: 6, partial: 'Iv' });
    expect(mentionAt('mail me@x', 9)).toBeUndefined();
    expect(mentionAt('@', 1)).toEqual({ start: 0, partial: '' });
  });
});
