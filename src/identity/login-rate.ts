import type { FastifyRequest } from 'fastify';
import { bodyField, type RateLimitRule } from '../platform/http/rate-limit.js';

/**
 * Sign-in requests per minute for one email from one address (the address alone gets 10x).
 * Keyed on the pair, never the email alone, so nobody elsewhere can use up the owner's.
 */
export const LOGIN_RATE_LIMIT: RateLimitRule = {
  bucket: 'login',
  limit: (config) => config.rateLimitLogin,
  windowMs: 60_000,
  key: (request: FastifyRequest) => {
    const email = bodyField('email')(request);
    return email ? `${email}|${request.ip}` : undefined;
  },
};
