import { randomInt } from 'node:crypto';

/** Crockford-style: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random receipt code such as K7QM-4XPD-9TRA (60 bits). */
export function newReceiptCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += ALPHABET[randomInt(ALPHABET.length)];
  }
  return code;
}
