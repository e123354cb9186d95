import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { once } from 'node:events';
import { AppConfig } from '../platform/config/app-config.js';
import { ActorVerifiers } from '../platform/http/actor-verifiers.js';
import { RetryLaterException } from '../platform/http/rate-counter.js';
import { participantClaim } from './canvas-participants.js';
import type { CanvasEvent } from './canvas-event.entity.js';
import type { Canvas } from './canvas.entity.js';
import { CanvasesRepository } from './canvases.repository.js';
import { CanvasLive, type LiveEvent } from './canvas-live.js';
import type { CanvasNote } from './canvas-note.entity.js';
import { isScreenRules, onScreen, screenRules, type ScreenRules } from './canvas-screen.js';
import { type NoteResponse, toNoteResponse, toPublicNoteEvent } from './dto/canvas.response.js';

/** A stream's retry hint to the browser after a dropped connection. */
const RETRY_MS = 2_000;

/** The fields of an event's payload that carry a note. */
const NOTE_FIELDS = ['note', 'into'] as const;

/** What the public wall may see of an event: hidden and merged notes travel without their content. */
export function publicPayload(payload: Record<string, unknown>, rules?: ScreenRules): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  for (const field of NOTE_FIELDS) {
    const note = payload[field] as NoteResponse | undefined;
    if (!note) continue;
    const shown = toPublicNoteEvent(note);
    out[field] = rules && 'text' in shown ? onScreen(shown, rules) : shown;
  }
  return out;
}

/** The ids of the notes these events carry. */
const noteIdsOf = (events: Array<{ payload: Record<string, unknown> }>): string[] => [
  ...new Set(
    events.flatMap((event) =>
      NOTE_FIELDS.map((field) => (event.payload[field] as { id?: string } | undefined)?.id).filter(
        (id): id is string => typeof id === 'string',
      ),
    ),
  ),
];

/**
 * An event from the database with its notes as they are now: a note hidden, merged or
 * erased since the event keeps none of what it said then.
 */
export function withNotesNow(payload: Record<string, unknown>, now: Map<string, CanvasNote>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...payload };
  for (const field of NOTE_FIELDS) {
    const id = (payload[field] as { id?: string } | undefined)?.id;
    const note = id === undefined ? undefined : now.get(id);
    if (note) out[field] = toNoteResponse(note);
  }
  return out;
}

const parseSeq = (value: unknown): bigint | undefined =>
  typeof value === 'string' && /^\d{1,18}$/.test(value.trim()) ? BigInt(value.trim()) : undefined;

/**
 * Server-sent events for one canvas. On connect: subscribe first (holding live events),
 * replay what the client missed since its Last-Event-ID from canvas_events, then go live.
 * Any gap in the live sequence (events from other processes arriving out of order) is
 * filled from the database, so each client sees every event once, in order. What comes
 * from the database shows its notes as they are now (moderation and erasure stick), and the
 * public replays only the last CANVAS_PUBLIC_REPLAY_EVENTS: a client that asks for more is
 * told to reload the canvas (`canvas.resync`) instead.
 */
@Injectable()
export class CanvasStreams implements BeforeApplicationShutdown {
  /** Open streams, ended at shutdown so the HTTP server can close (they never end by themselves). */
  private readonly open = new Set<() => void>();
  /** Open streams per address and per participant on this process (each holds a socket). */
  private readonly held = new Map<string, number>();

  constructor(
    private readonly canvases: CanvasesRepository,
    private readonly live: CanvasLive,
    private readonly config: AppConfig,
    private readonly verifiers: ActorVerifiers,
  ) {}

  /**
   * Takes a place for a new stream, or refuses it (429) when the process, the address or the
   * participant already holds its most; the returned function gives the place back.
   */
  private async admit(request: FastifyRequest): Promise<() => void> {
    const actor = await this.verifiers.verify(participantClaim(request));
    const places: Array<[string, number]> = [
      ['process', this.config.canvasStreamsPerProcess],
      [`address:${request.ip}`, this.config.canvasStreamsPerAddress],
    ];
    if (actor) places.push([`actor:${actor}`, this.config.canvasStreamsPerParticipant]);
    if (places.some(([key, most]) => (this.held.get(key) ?? 0) >= most)) throw new RetryLaterException(10_000);
    for (const [key] of places) this.held.set(key, (this.held.get(key) ?? 0) + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      for (const [key] of places) {
        const left = (this.held.get(key) ?? 1) - 1;
        if (left > 0) this.held.set(key, left);
        else this.held.delete(key);
      }
    };
  }

  private shuttingDown = false;

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
    for (const close of [...this.open]) close();
  }

  async stream(canvas: Canvas, request: FastifyRequest, reply: FastifyReply, isPublic: boolean): Promise<void> {
    const query = request.query as Record<string, unknown>;
    const resumeFrom = parseSeq(request.headers['last-event-id']) ?? parseSeq(query.lastEventId);
    let sent = resumeFrom ?? BigInt(canvas.eventSeq);
    const oldestPublic = BigInt(canvas.eventSeq) - BigInt(this.config.canvasPublicReplayEvents);
    const resync = isPublic && sent < oldestPublic;
    if (resync) sent = oldestPublic;
    let closed = false;
    let chain: Promise<void> = Promise.resolve();
    const raw = reply.raw;
    // The screens' rules as they stand, followed event by event (each carries the whole state).
    let rules = screenRules(canvas);
    const giveBack = await this.admit(request);

    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let unsubscribe = () => {};
    let heartbeat: NodeJS.Timeout | undefined = undefined;
    const close = () => {
      if (closed) return;
      closed = true;
      giveBack();
      this.open.delete(close);
      clearInterval(heartbeat);
      unsubscribe();
      if (!raw.writableEnded) raw.end();
    };
    this.open.add(close);
    raw.on('close', close);
    if (this.shuttingDown) return close();

    const write = (event: { seq: string; type: string; payload: Record<string, unknown> }) => {
      const seq = BigInt(event.seq);
      if (closed || seq <= sent) return;
      sent = seq;
      if (isScreenRules(event.payload.rules)) rules = event.payload.rules;
      const data = JSON.stringify(isPublic ? publicPayload(event.payload, rules) : event.payload);
      raw.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${data}\n\n`);
    };
    const fromDatabase = async (upTo?: bigint) => {
      for (;;) {
        const batch: CanvasEvent[] = await this.canvases.eventsAfter(canvas.id, sent.toString(), upTo?.toString());
        const notesNow = await this.canvases.notesNow(canvas.id, noteIdsOf(batch));
        const now = new Map(notesNow.map((note) => [note.id, note]));
        for (const event of batch) write({ ...event, payload: withNotesNow(event.payload, now) });
        if (batch.length < 500 || closed) return;
        // One page at a time: the next is read only once the client has taken this one.
        if (raw.writableNeedDrain) await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
      }
    };
    // Every write goes through one chain, so replay, gap-filling and live events stay in order.
    const enqueue = (task: () => Promise<void> | void) => {
      chain = chain.then(task).catch(() => close());
    };
    const onLive = (event: LiveEvent) =>
      enqueue(async () => {
        const seq = BigInt(event.seq);
        if (seq > sent + 1n) await fromDatabase(seq - 1n);
        write(event);
      });

    const stop = await this.live.subscribe(canvas.id, onLive);
    if (closed) return stop();
    unsubscribe = stop;
    heartbeat = setInterval(() => {
      if (!closed) raw.write(`: heartbeat ${Date.now()}\n\n`);
    }, this.config.canvasHeartbeatMs);
    heartbeat.unref();
    // "connected" only once subscribed: from here on the client misses nothing.
    raw.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    if (resync) raw.write(`event: canvas.resync\ndata: {}\n\n`);
    // Catch up: since Last-Event-ID, or else since the canvas was loaded (before subscribing).
    enqueue(() => fromDatabase());
  }
}
