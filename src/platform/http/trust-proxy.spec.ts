import { parseTrustProxy, trustProxyOption } from './trust-proxy.js';

describe('TRUST_PROXY', () => {
  it('trusts nobody by default', () => {
    for (const value of ['', ' ', 'false', '0']) expect(parseTrustProxy(value)).toBe(false);
  });

  it('takes a hop count, as a function that trusts only the nearest hops', () => {
    expect(parseTrustProxy('2')).toBe(2);
    const trust = trustProxyOption(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false]);
  });

  it('takes addresses, CIDRs and the named private ranges', () => {
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.7,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses true and anything it cannot read', () => {
    for (const value of ['true', 'yes', '10.0.0.0/33', '10.0.0/8', '::1/129', 'example.org', '1.2.3.4/8/1', '100']) {
      expect({ value, parsed: parseTrustProxy(value) }).toEqual({ value, parsed: undefined });
    }
  });
});
