import { isWebAddress, toWebAddress } from './web-address.js';

describe('web addresses', () => {
  it('re-serialises an address as the URL parser writes it', () => {
    expect(toWebAddress('  HTTPS://Example.ORG/a b"c.jpg ')).toBe('https://example.org/a%20b%22c.jpg');
    expect(toWebAddress('https://example.org')).toBe('https://example.org/');
    expect(isWebAddress('https://example.org/a%20b%22c.jpg')).toBe(true);
  });

  it('refuses other schemes, credentials and what does not parse', () => {
    for (const value of [
      'javascript:alert(1)',
      'data:image/png;base64,AA',
      'https://u:p@example.org/x',
      'not a url',
      42,
    ]) {
      expect({ value, ok: isWebAddress(toWebAddress(value)) }).toEqual({ value, ok: false });
    }
  });
});
