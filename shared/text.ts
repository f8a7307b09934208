import { z } from 'zod';

/**
 * What people type, made safe to keep: every text field of the protocol goes through `userText`. It is
 * normalised to NFC (so "é" typed two ways is one string, compared and counted the same), must be well-formed
 * UTF-16 (a lone surrogate cannot be stored as UTF-8 nor shown), and may not be blank: whitespace and invisible
 * characters (zero-width spaces, joiners, the byte-order mark, soft hyphens…) alone do not count as text.
 */

/** Invisible or blank: white space, format characters (Cf) and the other default-ignorable code points. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}]/u;
const INVISIBLE_EDGES = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}]+|[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}]+$/gu;
/** In `u` mode a lone surrogate is a code point of its own, of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` has a lone (unpaired) UTF-16 surrogate. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Whether `text` has nothing visible: empty, white space, zero-width and other invisible characters only. */
export function isBlank(text: string): boolean {
  for (const char of text) if (!INVISIBLE.test(char)) return false;
  return true;
}

/** NFC, with white space and invisible characters trimmed from both ends. Leaves lone surrogates for the check. */
export function normalizeText(text: string): string {
  return (hasLoneSurrogate(text) ? text : text.normalize('NFC')).replace(INVISIBLE_EDGES, '');
}

/**
 * A zod schema for text a person types: normalised (`normalizeText`), at most `max` characters after that,
 * refused when blank (unless `optional`, where blank becomes undefined) or not well-formed.
 */
export function userText(max: number, what: string) {
  return z
    .string({ message: `${what} must be text` })
    .refine((s) => !hasLoneSurrogate(s), { message: `${what} has a broken character (a lone UTF-16 surrogate); type it again` })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, { message: `${what} cannot be empty` })
        .max(max, { message: `${what} is too long (at most ${max} characters)` }),
    );
}

/** Like `userText`, for an optional field: blank or missing is undefined. */
export function optionalUserText(max: number, what: string) {
  return z
    .string({ message: `${what} must be text` })
    .refine((s) => !hasLoneSurrogate(s), { message: `${what} has a broken character (a lone UTF-16 surrogate); type it again` })
    .transform(normalizeText)
    .pipe(z.string().max(max, { message: `${what} is too long (at most ${max} characters)` }))
    .transform((s) => (s === '' ? undefined : s))
    .optional();
}
