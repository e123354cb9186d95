import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bull';
import { StaffAuthenticator } from '../identity/staff-authenticator.js';
import { AppConfig } from '../platform/config/app-config.js';
import { errorBody } from '../platform/http/error-body.js';
import { bearerToken } from '../identity/bearer.js';
import { isSameOriginRequest } from '../platform/web/same-origin.guard.js';
import { QueueName } from '../platform/queue/queues.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bull Board at /admin/queues, for administrators only: an admin's JWT as
 * "Authorization: Bearer …", or the console's session cookie (the link on the mail page).
 * With the cookie, a request that changes something (retry, clean, pause) must come from
 * this site, so no other site can act through an administrator's browser. It shows jobs,
 * not email contents.
 */
export function mountQueueBoard(app: NestFastifyApplication): void {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  const queues = Object.values(QueueName).map((name) => new BullAdapter(app.get<Queue>(getQueueToken(name))));
  createBullBoard({ queues, serverAdapter, options: { uiConfig: { boardTitle: 'Plenary queues' } } });
  const staffAuth = app.get(StaffAuthenticator);
  const appOrigin = new URL(app.get(AppConfig).appUrl).origin;
  const fastify = app.getHttpAdapter().getInstance();
  // Queued, not awaited: Fastify loads it with the application's own plugins.
  void fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const user = await staffAuth.fromRequest(request);
        if (!user) return reply.status(401).send(errorBody(401, 'Log in as an administrator first.'));
        if (!user.isAdmin) return reply.status(403).send(errorBody(403, 'Only an administrator may see the queues.'));
        const byCookie = bearerToken(request) === undefined;
        if (byCookie && !SAFE_METHODS.has(request.method) && !isSameOriginRequest(request.headers, appOrigin)) {
          return reply.status(403).send(errorBody(403, 'Use the queue dashboard from this site’s own pages.'));
        }
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
