import type { AppConfig } from '../platform/config/app-config.js';
import type { RedisClient } from '../platform/redis/redis.module.js';
import { AgendaCache, type CachedAgenda } from './agenda-cache.js';

const entry = (eventId: string, slug = `slug-${eventId}`): CachedAgenda => ({
  eventId,
  slug,
  version: 1,
  json: { body: Buffer.from('{}'), etag: '"x"' },
  view: {},
  checkedAt: Date.now(),
});

describe('AgendaCache', () => {
  const published: string[] = [];
  const redis = { publish: async (_channel: string, id: string) => published.push(id) } as unknown as RedisClient;
  const cache = () => new AgendaCache(redis, { queuePrefix: 'test', processRole: 'api' } as AppConfig);

  it('finds entries by id and slug, and forgets both when dropped', () => {
    const c = cache();
    c.set(entry('a'), c.generation('a'));
    expect(c.get('a')?.slug).toBe('slug-a');
    expect(c.idForSlug('slug-a')).toBe('a');
    c.drop('a');
    expect(c.get('a')).toBeUndefined();
    expect(c.idForSlug('slug-a')).toBeUndefined();
  });

  it('does not store a build that raced an invalidation', () => {
    const c = cache();
    const generation = c.generation('a');
    c.drop('a'); // a change arrived while the agenda was being built
    c.set(entry('a'), generation);
    expect(c.get('a')).toBeUndefined();
    c.set(entry('a'), c.generation('a'));
    expect(c.get('a')).toBeDefined();
    const before = c.generation('a');
    c.clear(); // Redis reconnected: anything in flight is suspect too
    c.set(entry('a'), before);
    expect(c.get('a')).toBeUndefined();
  });

  it('publishes invalidations for the other processes', async () => {
    const c = cache();
    c.set(entry('b'), c.generation('b'));
    await c.invalidate('b');
    expect(c.get('b')).toBeUndefined();
    expect(published).toContain('b');
  });

  it('keeps a bounded number of agendas, dropping the oldest', () => {
    const c = cache();
    for (let i = 0; i < 305; i++) c.set(entry(`e${i}`), c.generation(`e${i}`));
    expect(c.get('e0')).toBeUndefined();
    expect(c.idForSlug('slug-e0')).toBeUndefined();
    expect(c.get('e304')).toBeDefined();
  });
});
