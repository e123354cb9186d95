import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { AppConfig } from '../config/app-config.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Thrown for a page form sent from elsewhere; the page filter answers it with a 403 page. */
export class CrossSiteFormError extends Error {
  constructor() {
    super('cross-site form');
    this.name = 'CrossSiteFormError';
  }
}

/**
 * Whether a state-changing request comes from this site's own pages. The Origin header says
 * so when the browser sends one; under `Referrer-Policy: no-referrer` (which these pages need
 * so the personal link never leaks) browsers send `Origin: null` for a same-origin form, and
 * then Fetch Metadata's `Sec-Fetch-Site` is the witness. Neither present: refused (no browser
 * that can be tricked into posting a form sends neither).
 */
export function isSameOriginRequest(headers: IncomingHttpHeaders, appOrigin: string): boolean {
  const origin = headers.origin;
  if (origin && origin !== 'null') {
    if (origin === appOrigin) return true;
    try {
      return new URL(origin).host === headers.host;
    } catch {
      return false;
    }
  }
  return headers['sec-fetch-site'] === 'same-origin';
}

/** On every page controller: a POST (or any unsafe method) must come from this site. */
@Injectable()
export class SameOriginGuard implements CanActivate {
  private readonly appOrigin: string;

  constructor(config: AppConfig) {
    this.appOrigin = new URL(config.appUrl).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method) || isSameOriginRequest(request.headers, this.appOrigin)) return true;
    throw new CrossSiteFormError();
  }
}
