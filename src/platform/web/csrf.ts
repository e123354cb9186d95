import fastifyCsrfProtection from '@fastify/csrf-protection';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { CrossSiteFormError } from './same-origin.guard.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF tokens for the staff pages' forms (@fastify/csrf-protection, double-submit: a secret
 * in an HttpOnly SameSite=Strict cookie, a token derived from it in each form). Registered
 * once, by the app factory.
 */
export async function registerCsrf(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const secure = new URL(config.appUrl).protocol === 'https:';
  await app.register(fastifyCsrfProtection, {
    cookieKey: secure ? '__Host-plenary_csrf' : 'plenary_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure },
  });
}

/** The token for a page's forms (sets the secret cookie the first time). */
export const csrfToken = (reply: FastifyReply): string => reply.generateCsrf();

/**
 * On the staff pages (`@Pages({ csrf: true })`): a POST must carry the token of this
 * browser's secret, so another site cannot make a signed-in browser act. Refused like a
 * cross-site form (a 403 page); nothing has run yet.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly adapter: HttpAdapterHost) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    // The plugin's check answers through the reply it is given; this one only reports.
    const valid = await new Promise<boolean>((resolve) => {
      const report = { send: () => resolve(false) } as unknown as FastifyReply;
      fastify.csrfProtection(request, report, () => resolve(true));
    });
    if (!valid) throw new CrossSiteFormError();
    return true;
  }
}
