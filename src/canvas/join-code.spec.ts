import { JOIN_CODE_ALPHABET, JOIN_CODE_PATTERN, newJoinCode, normaliseJoinCode } from './join-code.js';

describe('join codes', () => {
  it('has no look-alike characters', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(ambiguous);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('makes six-character codes from the alphabet, matching the database check', () => {
    for (let i = 0; i < 500; i++) {
      const code = newJoinCode();
      expect(code).toHaveLength(6);
      expect(code).toMatch(JOIN_CODE_PATTERN);
      for (const char of code) expect(JOIN_CODE_ALPHABET).toContain(char);
    }
  });

  it('accepts what people type and refuses what cannot be a code', () => {
    expect(normaliseJoinCode('abc 234')).toBe('ABC234');
    expect(normaliseJoinCode('ab-c2-34')).toBe('ABC234');
    expect(normaliseJoinCode('ABC10O')).toBeUndefined();
    expect(normaliseJoinCode('ABC23')).toBeUndefined();
    expect(normaliseJoinCode('<script>')).toBeUndefined();
  });
});
