import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Event } from '../../src/events/event.entity.js';
import { insertEvent, insertMember } from './db-fixtures.js';
import { newStaff, type StaffUser } from './staff.factory.js';
import type { TestApp } from '../setup/test-app.js';

export interface CanvasBody {
  id: string;
  eventId: string;
  joinCode: string;
  status: string;
  anonymous: boolean;
  dotsPerPerson: number;
  sections: Array<{ key: string; title: string; prompt: string }>;
}

export interface CanvasContext {
  event: Event;
  facilitator: StaffUser;
  canvas: CanvasBody;
}

/** An event with a facilitator and an open canvas (movement-building unless told otherwise). */
export async function newCanvasContext(t: TestApp, body: Record<string, unknown> = {}): Promise<CanvasContext> {
  const event = await insertEvent(t.db);
  const facilitator = await newStaff(t);
  await insertMember(t.db, event.id, facilitator.id, 'facilitator');
  const canvas = await newCanvas(t, event.id, facilitator, body);
  return { event, facilitator, canvas };
}

export async function newCanvas(
  t: TestApp,
  eventId: string,
  staff: StaffUser,
  body: Record<string, unknown> = {},
): Promise<CanvasBody> {
  const response = await t.http
    .post(`/api/events/${eventId}/canvases`)
    .set(staff.auth)
    .send({ title: 'Building our movement', ...body })
    .expect(201);
  return response.body as CanvasBody;
}

/** A phone: a cookie-keeping client, one participant. */
export const newParticipant = (t: TestApp): TestAgent => request.agent(t.app.getHttpServer());

export async function postNote(
  client: TestAgent,
  joinCode: string,
  body: Record<string, unknown> = {},
): Promise<{ id: string; text: string; dots: number }> {
  const response = await client
    .post(`/api/canvases/join/${joinCode}/notes`)
    .send({ section: 'values', text: 'Solidarity', ...body })
    .expect(201);
  return response.body as { id: string; text: string; dots: number };
}

export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** A minimal server-sent-events client on fetch, for tests and the benchmark. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];
  private opened!: Promise<void>;

  constructor(
    readonly url: string,
    readonly headers: Record<string, string> = {},
  ) {}

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient(url, headers);
    client.opened = client.run();
    await Promise.race([
      client.waitFor((m) => m.comment === 'connected'),
      client.opened.then(() => {
        throw new Error(`SSE: ${url} answered ${client.status} instead of a stream`);
      }),
    ]);
    return client;
  }

  status = 0;

  private async run(): Promise<void> {
    const response = await fetch(this.url, { headers: this.headers, signal: this.controller.signal });
    this.status = response.status;
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          for (const message of parseBlock(block)) this.messages.push(message);
          const waiters = this.waiters;
          this.waiters = [];
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    }
  }

  /** Resolves with the first message matching, waiting for it if needed. */
  async waitFor(match: (message: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`SSE: no matching message within ${timeoutMs} ms from ${this.url}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  events(): SseMessage[] {
    return this.messages.filter((m) => m.event !== undefined);
  }

  close(): void {
    this.controller.abort();
  }
}

function parseBlock(block: string): SseMessage[] {
  const message: SseMessage = {};
  const out: SseMessage[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) out.push({ comment: line.slice(1).trim() });
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = (message.data ? `${message.data}\n` : '') + line.slice(6);
  }
  if (message.event || message.data) out.push(message);
  return out;
}
