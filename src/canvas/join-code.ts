import { randomInt } from 'node:crypto';

/** Upper-case letters and digits without the look-alikes 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_PATTERN = /^[A-HJKMNP-Z2-9]{6}$/;

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** What a person types (lower case, spaces, a dash) to the stored form; undefined if it cannot be a code. */
export function normaliseJoinCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return JOIN_CODE_PATTERN.test(code) ? code : undefined;
}
