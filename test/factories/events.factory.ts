import { randomBytes } from 'node:crypto';
import type { TestApp } from '../setup/test-app.js';
import type { StaffUser } from './staff.factory.js';

/** Builders that go through the HTTP API, as an organiser would. */

const DAY = 24 * 3600 * 1000;

export interface EventBody {
  id: string;
  slug: string;
  title: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  status: string;
  agendaVersion: number;
  [key: string]: unknown;
}

export interface SpeakerBody {
  id: string;
  name: string;
  email: string | null;
  [key: string]: unknown;
}

export interface SessionBody {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
  status: string;
  sequence: number;
  [key: string]: unknown;
}

/** A draft event created by `organiser` (who becomes its organiser); starts in 30 days unless told. */
export async function newEvent(
  t: TestApp,
  organiser: StaffUser,
  overrides: Record<string, unknown> = {},
): Promise<EventBody> {
  const startsAt = new Date(Math.ceil((Date.now() + 30 * DAY) / DAY) * DAY + 9 * 3600 * 1000);
  const response = await t.http
    .post('/api/events')
    .set(organiser.auth)
    .send({
      title: `Annual Meeting ${randomBytes(3).toString('hex')}`,
      description: 'The annual meeting of the network',
      venue: 'Town Hall',
      timezone: 'Europe/London',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + DAY + 8 * 3600 * 1000).toISOString(),
      capacity: 100,
      ...overrides,
    })
    .expect(201);
  return response.body as EventBody;
}

export async function publishEvent(t: TestApp, organiser: StaffUser, eventId: string): Promise<EventBody> {
  const response = await t.http.post(`/api/events/${eventId}/publish`).set(organiser.auth).expect(200);
  return response.body as EventBody;
}

export async function addSpeaker(
  t: TestApp,
  organiser: StaffUser,
  eventId: string,
  overrides: Record<string, unknown> = {},
): Promise<SpeakerBody> {
  const response = await t.http
    .post(`/api/events/${eventId}/speakers`)
    .set(organiser.auth)
    .send({
      name: `Speaker ${randomBytes(2).toString('hex')}`,
      organisation: 'Network',
      email: `speaker-${randomBytes(4).toString('hex')}@example.org`,
      ...overrides,
    })
    .expect(201);
  return response.body as SpeakerBody;
}

/** A session `offsetHours` after the event starts, lasting `hours` (defaults: 1 and 1). */
export async function addSession(
  t: TestApp,
  organiser: StaffUser,
  event: Pick<EventBody, 'id' | 'startsAt'>,
  overrides: Record<string, unknown> & { offsetHours?: number; hours?: number } = {},
): Promise<SessionBody> {
  const { offsetHours = 1, hours = 1, ...rest } = overrides;
  const startsAt = new Date(new Date(event.startsAt).getTime() + offsetHours * 3600 * 1000);
  const response = await t.http
    .post(`/api/events/${event.id}/sessions`)
    .set(organiser.auth)
    .send({
      title: `Talk ${randomBytes(2).toString('hex')}`,
      kind: 'talk',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + hours * 3600 * 1000).toISOString(),
      room: 'Main Hall',
      ...rest,
    })
    .expect(201);
  return response.body as SessionBody;
}
