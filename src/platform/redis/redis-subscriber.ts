import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * A connection of its own for SUBSCRIBE (a subscribed connection can send nothing else),
 * delivering each message to `onMessage`. Its errors are logged, not thrown: ioredis
 * reconnects by itself, and a missed message only delays what listens.
 */
export function openSubscriber(
  redis: Redis,
  logger: Logger,
  onMessage: (channel: string, message: string) => void,
): Redis {
  const subscriber = redis.duplicate();
  subscriber.on('message', onMessage);
  subscriber.on('error', (error: Error) => logger.warn(`Redis subscriber: ${error.message}`));
  return subscriber;
}

/** Closes a subscriber at shutdown; one that never connected or already closed is fine. */
export async function closeSubscriber(subscriber: Redis | undefined): Promise<void> {
  await subscriber?.quit().catch(() => undefined);
}
