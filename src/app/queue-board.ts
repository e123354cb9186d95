import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bull';
import { StaffAuthenticator } from '../identity/staff-authenticator.js';
import { errorBody } from '../platform/http/error-body.js';
import { QueueName } from '../platform/queue/queues.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for administrators only (an admin's JWT as
 * "Authorization: Bearer …"). It shows jobs, not email contents.
 */
export function mountQueueBoard(app: NestFastifyApplication): void {
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  const queues = Object.values(QueueName).map((name) => new BullAdapter(app.get<Queue>(getQueueToken(name))));
  createBullBoard({ queues, serverAdapter, options: { uiConfig: { boardTitle: 'Plenary queues' } } });
  const staffAuth = app.get(StaffAuthenticator);
  const fastify = app.getHttpAdapter().getInstance();
  // Queued, not awaited: Fastify loads it with the application's own plugins.
  void fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const user = await staffAuth.fromBearer(request);
        if (!user) return reply.status(401).send(errorBody(401, 'Log in as an administrator first.'));
        if (!user.isAdmin) return reply.status(403).send(errorBody(403, 'Only an administrator may see the queues.'));
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
