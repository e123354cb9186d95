import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  type HttpException,
} from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';

/** Deeper than this, a JSON body is refused before it is parsed (no request needs more than a few). */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether `text` opens more than `max` arrays or objects inside one another. One pass, no
 * allocation, stopping at the first level too deep: JSON.parse and class-transformer recurse
 * per level, so a body a few thousand levels deep overflows the stack (and a megabyte of it
 * holds the process for seconds) before any validation runs. Brackets inside strings do not
 * count; malformed text is left for JSON.parse to refuse.
 */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

export interface BodyParserOptions {
  /** The most any request may send (BODY_LIMIT_BYTES). */
  bodyLimit: number;
  /** The most a request may send unless `mayExceedPublicLimit` says otherwise (PUBLIC_BODY_LIMIT_BYTES). */
  publicBodyLimit: number;
  /** Whether this request may send more than the public limit (signed-in staff); asked only for such bodies. */
  mayExceedPublicLimit: (request: FastifyRequest) => Promise<boolean>;
}

/** The JSON API lives under /api; everything else is pages, which post HTML forms. */
export const isApiPath = (url: string): boolean => /^\/api(\/|\?|$)/.test(url);

const tooLarge = () => new PayloadTooLargeException('The request body is too large.');
const FORM_ON_API = 'The API takes JSON bodies: send Content-Type: application/json.';

/**
 * The application's body parsers, in place of the framework's defaults: JSON for every route
 * (an empty body is no body, so a body-less POST with a JSON content type is fine), HTML
 * form bodies for page routes only. Both refuse bodies over the public limit unless the
 * caller may send more, and JSON nested deeper than MAX_JSON_DEPTH, before parsing anything.
 */
export function registerBodyParsers(fastify: FastifyInstance, options: BodyParserOptions): void {
  const publicLimit = Math.min(options.publicBodyLimit, options.bodyLimit);
  const parseJson = fastify.getDefaultJsonParser('error', 'error');

  const withinLimit = async (request: FastifyRequest, body: Buffer): Promise<void> => {
    if (body.length > publicLimit && !(await options.mayExceedPublicLimit(request))) throw tooLarge();
  };

  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    (request, body: Buffer, done) => {
      if (body.length === 0) return done(null, undefined);
      const text = body.toString('utf8');
      if (jsonDeeperThan(text, MAX_JSON_DEPTH)) {
        return done(new BadRequestException(`The JSON body is nested too deeply (at most ${MAX_JSON_DEPTH} levels).`));
      }
      withinLimit(request, body).then(
        () => parseJson(request, text, done),
        (error: HttpException) => done(error),
      );
    },
  );

  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    (request, body: Buffer, done) => {
      if (isApiPath(request.url)) return done(new UnsupportedMediaTypeException(FORM_ON_API));
      withinLimit(request, body).then(
        () => {
          const form = parseQueryString(body.toString('utf8'));
          // Copied onto an ordinary object, a "__proto__" key would replace its prototype.
          if (Object.hasOwn(form, '__proto__')) return done(new BadRequestException('The form has a forbidden field.'));
          done(null, form);
        },
        (error: HttpException) => done(error),
      );
    },
  );
}
