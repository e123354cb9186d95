import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The content codings this app sends, best first. */
export type ContentCoding = 'br' | 'gzip';

/**
 * Bodies smaller than this go as they are: a header or two would eat what compression saves.
 * The on-the-fly compression (@fastify/compress) uses the same threshold.
 */
export const COMPRESSION_THRESHOLD = 1024;

/** A body in each coding, compressed once (when a cache entry is built) and then served as bytes. */
export interface EncodedBodies {
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * Brotli at quality 9 and gzip at level 9: a published agenda of 150 sessions compresses in a
 * few milliseconds once per version, while quality 11 would hold the event loop for a tenth
 * of a second for a few per cent fewer bytes.
 */
export function encodeBody(body: Buffer): EncodedBodies {
  if (body.length < COMPRESSION_THRESHOLD) return {};
  return {
    br: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/**
 * The coding to answer an Accept-Encoding with, among those available: the highest q-value
 * wins (brotli on a tie), `q=0` refuses a coding, `*` stands for any not named. Undefined
 * means the identity (the header is missing, or accepts none that is available).
 */
export function chooseCoding(
  header: string | string[] | undefined,
  available: readonly ContentCoding[],
): ContentCoding | undefined {
  if (!header || available.length === 0) return undefined;
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: ContentCoding | undefined;
  let bestWeight = 0;
  for (const coding of available) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Adds `accept-encoding` to a Vary header value unless it is there already. */
export function varyOnAcceptEncoding(current: string | string[] | number | undefined): string {
  const values = current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  const named = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (named.some((v) => v.toLowerCase() === 'accept-encoding' || v === '*')) return named.join(', ');
  return [...named, 'accept-encoding'].join(', ');
}
