/**
 * One mailbox, one key: the form of an email address used to tell whether two addresses
 * reach the same person, while the address as typed is kept for sending.
 *
 * - NFKC, so full-width and other compatibility forms read as the letters they show;
 * - trimmed and lower-cased;
 * - `+tag` dropped from the local part (most providers deliver a+x@ and a@ to one mailbox);
 * - at Gmail (gmail.com, googlemail.com) dots in the local part are ignored, as Gmail does.
 *
 * Addresses that would look like another one are refused rather than folded: invisible
 * characters (zero-width spaces and joiners, bidirectional controls, soft hyphens),
 * combining marks, and letters outside ASCII and the common accented Latin letters (the
 * Cyrillic "а" in "аlex@…" looks exactly like the Latin one).
 */
export type CanonicalEmail = { ok: true; canonical: string } | { ok: false; reason: string };

/** Control, format (zero-width, bidi, soft hyphen), separator and private-use characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Z}]/u;
/** Marks combine with the letter before them; NFKC has already composed the ones that have a letter. */
const COMBINING = /\p{M}/u;
/**
 * Printable ASCII, and the accented Latin letters of Latin-1 and Latin Extended-A, without
 * × ÷, the dotless ı (an "i" without its dot) and the Greenlandic ĸ (a small "k").
 */
const PLAIN = /^[\x21-\x7e\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u0130\u0132-\u0137\u0139-\u017e]+$/u;

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export const INVISIBLE_REFUSED = 'email must not contain invisible characters (such as zero-width spaces)';
export const LOOKALIKE_REFUSED =
  'email must be written in plain Latin letters, digits and punctuation (look-alike letters from other alphabets are refused)';

export function canonicalEmail(typed: string): CanonicalEmail {
  const trimmed = typed.trim();
  if (INVISIBLE.test(trimmed)) return { ok: false, reason: INVISIBLE_REFUSED };
  const folded = trimmed.normalize('NFKC').toLowerCase().normalize('NFKC');
  if (INVISIBLE.test(folded)) return { ok: false, reason: INVISIBLE_REFUSED };
  if (COMBINING.test(folded) || !PLAIN.test(folded)) return { ok: false, reason: LOOKALIKE_REFUSED };
  const at = folded.lastIndexOf('@');
  if (at <= 0 || at === folded.length - 1) return { ok: false, reason: 'email must be an email address' };
  let local = folded.slice(0, at);
  let domain = folded.slice(at + 1).replace(/\.+$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    local = local.replace(/\./g, '') || local;
  }
  return { ok: true, canonical: `${local}@${domain}` };
}

/** The canonical form, for addresses already validated (throws on one that was not). */
export function canonicalEmailOf(typed: string): string {
  const result = canonicalEmail(typed);
  if (!result.ok) throw new Error(result.reason);
  return result.canonical;
}

/**
 * The address as its owner will recognise it but a bystander cannot read off a screen:
 * the first character of the local part, an ellipsis, and the domain ("j…@example.org").
 */
export function maskedEmail(typed: string): string {
  const trimmed = typed.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return '…';
  const first = Array.from(trimmed.slice(0, at))[0] ?? '';
  return `${first}…@${trimmed.slice(at + 1)}`;
}
