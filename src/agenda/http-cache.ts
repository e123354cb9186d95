import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseCoding, type ContentCoding, varyOnAcceptEncoding } from '../platform/http/content-encoding.js';
import { RateLimit } from '../platform/http/rate-limit.js';
import type { CachedBody } from './agenda-cache.js';

/**
 * Public agenda reads come from a shared copy and cost next to nothing, while a whole
 * venue reads them through one Wi-Fi address: the per-address limit is ten times the default.
 */
export const AgendaReadLimit = () =>
  RateLimit({
    bucket: 'agenda-read',
    limit: (config) => config.rateLimitDefault * 10,
    windowMs: 60_000,
  });

/** A public page that changes now and then: browsers and CDNs may reuse it briefly, then revalidate with the ETag. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=300';
/** A draft shown to its own staff must not be stored anywhere. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * Sends a pre-serialised body in the coding the client accepts best (its bytes compressed
 * when the entry was built), or 304 when the client already has it.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: CachedBody,
  contentType: string,
  shared: boolean,
): FastifyReply {
  void reply
    .header('etag', body.etag)
    .header('cache-control', shared ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL)
    .header('vary', varyOnAcceptEncoding(reply.getHeader('vary')));
  if (matchesEtag(request.headers['if-none-match'], body.etag)) return reply.code(304).send();
  const available = CODINGS.filter((coding) => body[coding] !== undefined);
  const coding = chooseCoding(request.headers['accept-encoding'], available);
  if (!coding) return reply.type(contentType).send(body.body);
  return reply.type(contentType).header('content-encoding', coding).send(body[coding]);
}

const CODINGS: readonly ContentCoding[] = ['br', 'gzip'];
