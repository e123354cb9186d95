import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../platform/config/app-config.js';
import { closeSubscriber, openSubscriber } from '../platform/redis/redis-subscriber.js';
import { RedisClient } from '../platform/redis/redis.module.js';

/** A change to a canvas as the stream sends it; `seq` is the SSE id. */
export interface LiveEvent {
  canvasId: string;
  seq: string;
  type: string;
  payload: Record<string, unknown>;
}

type Listener = (event: LiveEvent) => void;

/**
 * Fans canvas events out to every API process through Redis pub/sub: a change is
 * published once (after its transaction commits) and each process hands it to its own
 * connected streams. One subscriber connection per process, one channel per canvas that
 * has a stream open here.
 */
@Injectable()
export class CanvasLive implements OnApplicationShutdown {
  private readonly logger = new Logger(CanvasLive.name);
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  channel(canvasId: string): string {
    return `${this.config.queuePrefix}:canvas:${canvasId}`;
  }

  async publish(event: LiveEvent): Promise<void> {
    try {
      await this.redis.publish(this.channel(event.canvasId), JSON.stringify(event));
    } catch (error) {
      // The event is in canvas_events: streams pick it up when they reconnect or see the next one.
      this.logger.warn({ err: error, canvasId: event.canvasId }, 'Could not publish a canvas event');
    }
  }

  /** Starts delivering this canvas's events to `listener`; returns the way to stop. */
  async subscribe(canvasId: string, listener: Listener): Promise<() => void> {
    const subscriber = this.ensureSubscriber();
    let set = this.listeners.get(canvasId);
    if (!set) {
      set = new Set();
      this.listeners.set(canvasId, set);
      await subscriber.subscribe(this.channel(canvasId));
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(canvasId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(canvasId);
        subscriber.unsubscribe(this.channel(canvasId)).catch(() => undefined);
      }
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await closeSubscriber(this.subscriber);
  }

  private ensureSubscriber(): Redis {
    if (this.subscriber) return this.subscriber;
    const prefix = `${this.config.queuePrefix}:canvas:`;
    const subscriber = openSubscriber(this.redis, this.logger, (channel, message) => {
      if (!channel.startsWith(prefix)) return;
      const set = this.listeners.get(channel.slice(prefix.length));
      if (!set) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of set) listener(event);
    });
    this.subscriber = subscriber;
    return subscriber;
  }
}
