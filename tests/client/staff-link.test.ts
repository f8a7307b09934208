import { describe, expect, it } from 'vitest';
import { staffKeyFromPasted, staffLinkFromPasted } from '../../client/src/net/staff-link';

const ID = 'dR1ll-Id_9';
const KEY = 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1';

describe('a key pasted into a staff page', () => {
  it('takes the observer or facilitator link as the creator shared it, with its role', () => {
    expect(staffKeyFromPasted(`https://drills.example.com/drill/${ID}?key=${KEY}&as=observer`, ID)).toEqual({ ok: true, key: { key: KEY, as: 'observer' } });
    expect(staffKeyFromPasted(`  https://drills.example.com/drill/${ID}?key=${KEY}&as=facilitator\n`, ID)).toEqual({ ok: true, key: { key: KEY, as: 'facilitator' } });
  });

  it('takes any address of the same drill that carries a key, and the key alone', () => {
    expect(staffKeyFromPasted(`/drill/${ID}/replay?seq=12&key=${KEY}`, ID)).toEqual({ ok: true, key: { key: KEY, as: 'unknown' } });
    expect(staffKeyFromPasted(`http://127.0.0.1:3000/drill/${encodeURIComponent(ID)}/scorecard?key=${KEY}&as=admin`, ID)).toEqual({ ok: true, key: { key: KEY, as: 'unknown' } });
    expect(staffKeyFromPasted(KEY, ID)).toEqual({ ok: true, key: { key: KEY, as: 'unknown' } });
  });

  it('refuses a link to another drill, a link without a key and text that is neither', () => {
    expect(staffKeyFromPasted(`https://drills.example.com/drill/other-drill?key=${KEY}&as=observer`, ID)).toEqual({ ok: false, message: expect.stringContaining('another drill') });
    expect(staffKeyFromPasted(`https://drills.example.com/drill/${ID}/replay?seq=3`, ID)).toEqual({ ok: false, message: expect.stringContaining('no key') });
    expect(staffKeyFromPasted('https://drills.example.com/join/K7P-M2Q', ID)).toEqual({ ok: false, message: expect.stringContaining('neither a link nor a key') });
    expect(staffKeyFromPasted('my password', ID)).toEqual({ ok: false, message: expect.stringContaining('neither a link nor a key') });
    expect(staffKeyFromPasted('short', ID).ok).toBe(false);
    expect(staffKeyFromPasted('   ', ID)).toEqual({ ok: false, message: expect.stringContaining('Paste the facilitator or observer link') });
  });
});

describe('a run added to the runs list by its link', () => {
  it('names the drill the link opens, whichever it is', () => {
    expect(staffLinkFromPasted(`https://drills.example.com/drill/${ID}?key=${KEY}&as=observer`)).toEqual({ ok: true, drillId: ID, key: { key: KEY, as: 'observer' } });
    expect(staffLinkFromPasted(`/drill/${encodeURIComponent('other-drill')}/scorecard?key=${KEY}`)).toEqual({ ok: true, drillId: 'other-drill', key: { key: KEY, as: 'unknown' } });
  });

  it('refuses a key alone (it does not say which drill), a link without a key and other text', () => {
    expect(staffLinkFromPasted(KEY)).toEqual({ ok: false, message: expect.stringContaining('does not say which drill') });
    expect(staffLinkFromPasted(`https://drills.example.com/drill/${ID}`)).toEqual({ ok: false, message: expect.stringContaining('no key') });
    expect(staffLinkFromPasted('https://drills.example.com/scenarios/partner-db-down/runs')).toEqual({ ok: false, message: expect.stringContaining('neither a link nor a key') });
  });
});
