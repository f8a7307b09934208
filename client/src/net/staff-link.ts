import type { StaffKey } from './storage';

/**
 * What someone pasted to open a staff page in a tab that holds no key for the drill: the drill's facilitator or
 * observer link as the drill's creator shared it (`…/drill/<id>?key=…&as=observer`), any other address of a drill
 * with a key in it, or (where the page already knows the drill) the key alone. A link to another drill, or one
 * without a key, is refused with a sentence that says what to paste instead. The server still decides whether the
 * key opens the drill.
 */
export type PastedKey = { ok: true; key: StaffKey } | { ok: false; message: string };
export type PastedLink = { ok: true; drillId: string; key: StaffKey } | { ok: false; message: string };

/** Keys are what `server/ids.ts` makes: 16–128 URL-safe characters. */
const KEY = /^[A-Za-z0-9_-]{16,128}$/;
const NEITHER = 'That is neither a link nor a key. Paste the whole facilitator or observer link.';

/** A drill's address with a key in it: which drill, and the key (with the role the link names, if any). */
export function staffLinkFromPasted(pasted: string, origin = 'http://localhost'): PastedLink {
  const text = pasted.trim();
  if (!text) return { ok: false, message: 'Paste the facilitator or observer link of the drill.' };
  if (KEY.test(text)) return { ok: false, message: 'A key alone does not say which drill it opens: paste the whole link.' };
  let url: URL;
  try {
    url = new URL(text, origin);
  } catch {
    return { ok: false, message: NEITHER };
  }
  const linked = /^\/drill\/([^/?#]+)/.exec(url.pathname);
  if (!linked) return { ok: false, message: NEITHER };
  const key = url.searchParams.get('key');
  if (!key) {
    return { ok: false, message: 'That link has no key in it. The facilitator and observer links end in “?key=…”: ask the facilitator for the observer link.' };
  }
  const as = url.searchParams.get('as');
  return { ok: true, drillId: decodeURIComponent(linked[1]), key: { key, as: as === 'facilitator' || as === 'observer' ? as : 'unknown' } };
}

/** The key for `drillId`: its link (not another drill's), or the key alone. */
export function staffKeyFromPasted(pasted: string, drillId: string, origin = 'http://localhost'): PastedKey {
  const text = pasted.trim();
  if (KEY.test(text)) return { ok: true, key: { key: text, as: 'unknown' } };
  const link = staffLinkFromPasted(text, origin);
  if (!link.ok) return link;
  if (link.drillId !== drillId) {
    return { ok: false, message: 'That link is for another drill. Paste the facilitator or observer link of this one.' };
  }
  return { ok: true, key: link.key };
}
