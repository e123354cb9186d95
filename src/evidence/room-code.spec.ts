import { newRoomCode, normaliseRoomCode } from './room-code.js';

describe('room codes', () => {
  it('are six characters nobody confuses, and read back however they are typed', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newRoomCode();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
      expect(normaliseRoomCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
    }
  });

  it('refuses what cannot be a room code', () => {
    expect(normaliseRoomCode('ABC12')).toBeUndefined();
    expect(normaliseRoomCode('ABCDE0')).toBeUndefined();
    expect(normaliseRoomCode('ABCDEFG')).toBeUndefined();
    expect(normaliseRoomCode('')).toBeUndefined();
  });
});
