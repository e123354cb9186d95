import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIP } from 'node:net';

/** Whom to believe: nobody, the nearest N hops, or these addresses and networks. */
export type TrustedProxies = false | number | string[];

/** Fastify's trustProxy option for it. A hop count is a function: Fastify refuses a bare number (it cannot check the peer). */
export function trustProxyOption(
  trusted: TrustedProxies,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trusted !== 'number') return trusted;
  return (_address, hop) => hop < trusted;
}

/** Names proxy-addr knows for the private ranges, besides addresses and CIDRs. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: empty or `false` trusts nobody (X-Forwarded-For is ignored and the client is the
 * TCP peer); a number trusts that many proxy hops in front of the app; otherwise a comma-separated
 * list of proxy addresses, CIDRs or loopback/linklocal/uniquelocal. Anything else is undefined,
 * and `true` deliberately so: believing every X-Forwarded-For lets any client pick its address.
 */
export function parseTrustProxy(value: string): TrustedProxies | undefined {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (/^\d{1,2}$/.test(text)) return Number(text) === 0 ? false : Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isAddressOrNetwork) ? entries : undefined;
}

/** Config validation for TRUST_PROXY (see parseTrustProxy). */
export const IsTrustProxy = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isTrustProxy',
      validator: {
        validate: (value) => typeof value === 'string' && parseTrustProxy(value) !== undefined,
        defaultMessage: () =>
          'must be false, a number of proxy hops, or comma-separated proxy addresses or CIDRs (never true: that believes any client)',
      },
    },
    options,
  );
