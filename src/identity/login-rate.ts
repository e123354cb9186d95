import { emailInBody } from '../platform/http/actor-verifiers.js';
import type { RateLimitRule } from '../platform/http/rate-limit.js';

/**
 * Sign-in requests per minute for one email from one address (the address alone gets 10x).
 * Keyed on the pair, never the email alone, so nobody elsewhere can use up the owner's; a body
 * without a valid email counts against the address.
 */
export const LOGIN_RATE_LIMIT: RateLimitRule = {
  bucket: 'login',
  limit: (config) => config.rateLimitLogin,
  windowMs: 60_000,
  actor: emailInBody('email'),
  actorPerAddress: true,
  addressLimit: (config) => config.rateLimitLogin * 10,
};
