import { chooseCoding, varyOnAcceptEncoding } from './content-encoding.js';

describe('chooseCoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['gzip;q=0, *', 'br'],
    ['deflate', undefined],
  ])('%p → %p', (header, expected) => {
    expect(chooseCoding(header, both)).toBe(expected);
  });

  it('only picks a coding that is available', () => {
    expect(chooseCoding('br', ['gzip'])).toBeUndefined();
    expect(chooseCoding('br, gzip', [])).toBeUndefined();
  });
});

describe('varyOnAcceptEncoding', () => {
  it('adds accept-encoding once', () => {
    expect(varyOnAcceptEncoding(undefined)).toBe('accept-encoding');
    expect(varyOnAcceptEncoding('Cookie')).toBe('Cookie, accept-encoding');
    expect(varyOnAcceptEncoding('Accept-Encoding')).toBe('Accept-Encoding');
  });
});
