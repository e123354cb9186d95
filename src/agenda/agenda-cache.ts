import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../platform/config/app-config.js';
import { closeSubscriber, openSubscriber } from '../platform/redis/redis-subscriber.js';
import { RedisClient } from '../platform/redis/redis.module.js';
import type { EncodedBodies } from '../platform/http/content-encoding.js';

/** Agendas kept per process; a few hundred published events at once is plenty. */
const MAX_ENTRIES = 300;

/**
 * One body served as-is, with its validator, and its brotli and gzip forms built with it
 * (none below the compression threshold). One ETag for every coding, as a static file
 * server's pre-compressed twins have: the validator names the content, the coding is
 * negotiated (Vary: Accept-Encoding).
 */
export interface CachedBody extends EncodedBodies {
  body: Buffer;
  etag: string;
}

/** A published agenda, serialised once per agenda version. */
export interface CachedAgenda {
  eventId: string;
  slug: string;
  version: number;
  json: CachedBody;
  /** Built on first request. */
  ics?: CachedBody;
  /** What the page and calendar are built from (owned by the agenda service). */
  view: unknown;
  /** When the version was last confirmed against the database (ms). */
  checkedAt: number;
}

/**
 * Pre-serialised agendas kept in each API process, so a read is a map lookup. Every
 * change publishes the event id on a Redis channel and every process drops its copy;
 * the agenda service also re-checks the version in the database every few seconds, so
 * a message lost while Redis was away cannot leave a process stale for long.
 */
@Injectable()
export class AgendaCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AgendaCache.name);
  private readonly entries = new Map<string, CachedAgenda>();
  private readonly slugs = new Map<string, string>();
  /** Rises on every drop, so a build that raced an invalidation is not stored. */
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private readonly channel: string;
  private subscriber?: Redis;

  constructor(
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {
    this.channel = `${config.queuePrefix}:agenda-changed`;
  }

  async onModuleInit(): Promise<void> {
    // A worker serves no agenda, so it keeps no copies to drop (it still publishes changes).
    if (this.config.processRole === 'worker') return;
    const subscriber = openSubscriber(this.redis, this.logger, (_channel, eventId) => this.drop(eventId));
    this.subscriber = subscriber;
    // After a reconnect, messages may have been missed: start afresh.
    subscriber.on('ready', () => this.clear());
    await subscriber.subscribe(this.channel);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeSubscriber(this.subscriber);
  }

  get(eventId: string): CachedAgenda | undefined {
    return this.entries.get(eventId);
  }

  idForSlug(slug: string): string | undefined {
    return this.slugs.get(slug);
  }

  generation(eventId: string): number {
    return this.epoch * 1_000_000 + (this.generations.get(eventId) ?? 0);
  }

  /** Stores a built agenda unless the event was invalidated since `generation` was read. */
  set(entry: CachedAgenda, generation: number): void {
    if (this.generation(entry.eventId) !== generation) return;
    const previous = this.entries.get(entry.eventId);
    if (previous && previous.slug !== entry.slug) this.slugs.delete(previous.slug);
    this.entries.delete(entry.eventId);
    this.entries.set(entry.eventId, entry);
    this.slugs.set(entry.slug, entry.eventId);
    // Bounded: the least recently built agendas go first (a Map iterates in insertion order).
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.drop(oldest);
    }
  }

  drop(eventId: string): void {
    this.generations.set(eventId, (this.generations.get(eventId) ?? 0) + 1);
    const entry = this.entries.get(eventId);
    if (entry) this.slugs.delete(entry.slug);
    this.entries.delete(eventId);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
    this.slugs.clear();
  }

  /** Call after the change has committed; every API process drops its copy. */
  async invalidate(eventId: string): Promise<void> {
    this.drop(eventId);
    try {
      await this.redis.publish(this.channel, eventId);
    } catch (error) {
      // The periodic version check still catches the change within a few seconds.
      this.logger.warn(`Could not publish an agenda change: ${(error as Error).message}`);
    }
  }
}
