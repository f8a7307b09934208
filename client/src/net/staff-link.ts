import type { StaffKey } from './storage';

/**
 * What someone pasted to open a staff page (the replay, the scorecard) in a tab that holds no key: the drill's
 * facilitator or observer link as the drill's creator shared it (`…/drill/<id>?key=…&as=observer`), any other
 * address of the same drill with a key in it, or the key alone. A link to another drill, or one without a key, is
 * refused with a sentence that says what to paste instead. The server still decides whether the key opens the drill.
 */
export type PastedKey = { ok: true; key: StaffKey } | { ok: false; message: string };

/** Keys are what `server/ids.ts` makes: 16–128 URL-safe characters. */
const KEY = /^[A-Za-z0-9_-]{16,128}$/;

export function staffKeyFromPasted(pasted: string, drillId: string, origin = 'http://localhost'): PastedKey {
  const text = pasted.trim();
  if (!text) return { ok: false, message: 'Paste the facilitator or observer link of this drill.' };
  if (KEY.test(text)) return { ok: true, key: { key: text, as: 'unknown' } };
  let url: URL;
  try {
    url = new URL(text, origin);
  } catch {
    return { ok: false, message: 'That is neither a link nor a key. Paste the whole facilitator or observer link.' };
  }
  const linked = /^\/drill\/([^/?#]+)/.exec(url.pathname);
  if (!linked) {
    return { ok: false, message: 'That is neither a link nor a key. Paste the whole facilitator or observer link.' };
  }
  if (decodeURIComponent(linked[1]) !== drillId) {
    return { ok: false, message: 'That link is for another drill. Paste the facilitator or observer link of this one.' };
  }
  const key = url.searchParams.get('key');
  if (!key) {
    return { ok: false, message: 'That link has no key in it. The facilitator and observer links end in “?key=…”: ask the facilitator for the observer link.' };
  }
  const as = url.searchParams.get('as');
  return { ok: true, key: { key, as: as === 'facilitator' || as === 'observer' ? as : 'unknown' } };
}
