import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Answers that carry data: JSON, CSV and spreadsheets (XLSX). */
const DATA_TYPES =
  /^(application\/(?:[\w.+-]*\+)?json|text\/csv|application\/vnd\.openxmlformats-officedocument\.spreadsheetml)/i;

/** A staff token, a personal-link token or a cookie (participant, flash, sign-in). */
const carriesCredentials = (request: FastifyRequest): boolean =>
  request.headers.authorization !== undefined || request.headers.cookie !== undefined;

/**
 * Whatever a request with credentials gets back as data is personal: `Cache-Control: no-store`
 * keeps it out of browser, proxy and CDN caches (a shared computer's back button, a venue's
 * caching proxy). Public answers to anonymous requests keep their own caching headers.
 */
export function noStoreForCredentials(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    const type = reply.getHeader('content-type');
    const cacheControl = reply.getHeader('cache-control');
    const alreadyNoStore = typeof cacheControl === 'string' && /\bno-store\b/.test(cacheControl);
    if (!alreadyNoStore && carriesCredentials(request) && typeof type === 'string' && DATA_TYPES.test(type)) {
      void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}
