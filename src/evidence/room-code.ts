import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another on a projector (no I, O, 0, 1). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 6;

/** A new code of this many characters from the alphabet above. */
export function newCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** A new room code: six characters, about a billion possibilities, said aloud or typed on a phone. */
export const newRoomCode = (): string => newCode(LENGTH);

/** The code as typed (spaces, dashes and case do not matter); undefined if it cannot be one. */
export function normaliseRoomCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : undefined;
}
