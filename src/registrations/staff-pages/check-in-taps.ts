import { Injectable } from '@nestjs/common';
import { RedisClient } from '../../platform/redis/redis.module.js';

/** Long enough to outlast any retry of a door's day; short enough to leave nothing behind. */
const TAP_KEY_TTL_S = 24 * 60 * 60;

/**
 * The door page's taps, each with the key its form was drawn with. The check-in itself is
 * recorded once whatever happens; the key also stops a tap that arrives late (a retried post
 * after a dropped connection) from checking someone in again after the desk undid it.
 */
@Injectable()
export class CheckInTaps {
  constructor(private readonly redis: RedisClient) {}

  /** True the first time a key is seen for this event (a form without a key always counts as first). */
  async first(eventId: string, key: string | undefined): Promise<boolean> {
    if (!key) return true;
    const set = await this.redis.set(`plenary:check-in-tap:${eventId}:${key}`, '1', 'EX', TAP_KEY_TTL_S, 'NX');
    return set === 'OK';
  }
}
