import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { createHttpApp } from '../../src/app/app.factory.js';
import { loadConfig } from '../../src/platform/config/app-config.js';
import { insertRegistration } from '../factories/db-fixtures.js';
import { addSession, addSpeaker, newEvent, publishEvent, type EventBody } from '../factories/events.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SECRET_EMAIL = 'secret.speaker@example.org';

function vevents(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

const local = (d: Date | undefined, zone: string) => DateTime.fromJSDate(d!, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");

describe('the published agenda', () => {
  let t: TestApp;
  let organiser: StaffUser;

  beforeAll(async () => {
    // A short debounce so the test can wait for the one email of a burst.
    t = await createTestApp({ agendaChangeDebounceMs: 1_500 });
    organiser = await newStaff(t);
  });

  afterAll(async () => {
    await t.close();
  });

  /** A two-day event over the spring clock change in London (Sunday 28 March 2027). */
  async function springEvent(overrides: Record<string, unknown> = {}): Promise<EventBody> {
    return newEvent(t, organiser, {
      startsAt: '2027-03-27T08:00:00Z',
      endsAt: '2027-03-28T18:00:00Z',
      timezone: 'Europe/London',
      ...overrides,
    });
  }

  describe('drafts', () => {
    it('are not there for the public: JSON, ICS, changes and the page all 404', async () => {
      const event = await springEvent();
      await addSession(t, organiser, event);
      await t.http.get(`/api/events/${event.id}/agenda`).expect(404);
      await t.http.get(`/api/events/${event.slug}/agenda`).expect(404);
      await t.http.get(`/api/events/${event.id}/agenda.ics`).expect(404);
      await t.http.get(`/api/events/${event.id}/agenda/changes`).expect(404);
      const page = await t.http.get(`/events/${event.slug}`).expect(404);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      await t.http.get('/events/no-such-event').expect(404);
    });

    it('can be previewed by their staff, never cached', async () => {
      const event = await springEvent();
      const preview = await t.http.get(`/api/events/${event.id}/agenda`).set(organiser.auth).expect(200);
      expect(preview.headers['cache-control']).toBe('private, no-store');
      const stranger = await newStaff(t);
      await t.http.get(`/api/events/${event.id}/agenda`).set(stranger.auth).expect(404);
    });
  });

  describe('JSON', () => {
    let event: EventBody;

    beforeAll(async () => {
      event = await springEvent();
      const ada = await addSpeaker(t, organiser, event.id, {
        name: 'Ada Lovelace',
        email: SECRET_EMAIL,
        bio: 'Analyst',
      });
      await addSession(t, organiser, event, {
        title: 'Saturday keynote',
        kind: 'keynote',
        startsAt: '2027-03-27T09:00:00Z',
        endsAt: '2027-03-27T10:00:00Z',
        room: 'Main Hall',
        speakerIds: [ada.id],
      });
      // 23:30 UTC on Saturday is still Saturday in London (GMT until 01:00 UTC Sunday).
      await addSession(t, organiser, event, {
        title: 'Late social',
        kind: 'other',
        startsAt: '2027-03-27T23:30:00Z',
        endsAt: '2027-03-28T00:30:00Z',
        room: 'Bar',
      });
      // 09:00 BST on Sunday = 08:00 UTC.
      await addSession(t, organiser, event, {
        title: 'Sunday workshop',
        kind: 'workshop',
        startsAt: '2027-03-28T08:00:00Z',
        endsAt: '2027-03-28T09:30:00Z',
        room: 'Room B',
        capacity: 20,
        speakerIds: [ada.id],
      });
      await addSession(t, organiser, event, {
        title: 'Lunch',
        kind: 'break',
        startsAt: '2027-03-28T11:00:00Z',
        endsAt: '2027-03-28T12:00:00Z',
        room: null,
      });
      await publishEvent(t, organiser, event.id);
    });

    it('groups sessions by day in the event’s zone, with speakers and rooms, and no emails', async () => {
      const res = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const body = res.body;
      expect(body.event).toMatchObject({ id: event.id, slug: event.slug, timezone: 'Europe/London' });
      expect(body.days.map((d: { date: string }) => d.date)).toEqual(['2027-03-27', '2027-03-28']);
      expect(body.days[0].sessions.map((s: { title: string }) => s.title)).toEqual(['Saturday keynote', 'Late social']);
      expect(body.days[0].sessions[1]).toMatchObject({ localStart: '23:30', localEnd: '00:30' });
      expect(body.days[1].sessions[0]).toMatchObject({
        title: 'Sunday workshop',
        localStart: '09:00',
        localEnd: '10:30',
        room: 'Room B',
        speakers: [expect.objectContaining({ name: 'Ada Lovelace' })],
      });
      expect(body.rooms).toEqual(['Bar', 'Main Hall', 'Room B']);
      expect(body.speakers).toEqual([expect.objectContaining({ name: 'Ada Lovelace', bio: 'Analyst' })]);
      expect(res.text).not.toContain(SECRET_EMAIL);
      expect(res.text).not.toContain('"email"');
      // The slug works too.
      const bySlug = await t.http.get(`/api/events/${event.slug}/agenda`).expect(200);
      expect(bySlug.text).toBe(res.text);
    });

    it('sends an ETag and a public Cache-Control, and answers If-None-Match with 304', async () => {
      const first = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers['cache-control']).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
      const again = await t.http.get(`/api/events/${event.id}/agenda`).set('If-None-Match', etag).expect(304);
      expect(again.text).toBeFalsy();
      expect(again.headers.etag).toBe(etag);
      await t.http.get(`/api/events/${event.id}/agenda`).set('If-None-Match', `W/${etag}, "other"`).expect(304);
      await t.http.get(`/api/events/${event.id}/agenda`).set('If-None-Match', '"stale"').expect(200);
    });

    it('serves the new agenda as soon as it changes (new ETag)', async () => {
      const before = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
      await addSession(t, organiser, event, {
        title: 'Added later',
        startsAt: '2027-03-28T14:00:00Z',
        endsAt: '2027-03-28T15:00:00Z',
        room: 'Main Hall',
      });
      const after = await t.http
        .get(`/api/events/${event.id}/agenda`)
        .set('If-None-Match', before.headers.etag)
        .expect(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.text).toContain('Added later');
    });

    it('drops its copy when another process announces a change over Redis', async () => {
      const before = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
      // Another API process changed the agenda: the rows change and the id is published.
      await t.db.query(`UPDATE sessions SET title = 'Renamed elsewhere' WHERE event_id = $1 AND title = 'Lunch'`, [
        event.id,
      ]);
      await t.db.query('UPDATE events SET agenda_version = agenda_version + 1 WHERE id = $1', [event.id]);
      const stale = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
      expect(stale.headers.etag).toBe(before.headers.etag); // still the cached copy
      await t.redis.publish(`${t.config.queuePrefix}:agenda-changed`, event.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const fresh = await t.http.get(`/api/events/${event.id}/agenda`).expect(200);
      expect(fresh.text).toContain('Renamed elsewhere');
    });
  });

  describe('queries', () => {
    /** Counts the app's SQL statements touching the agenda tables while `fn` runs. */
    async function agendaQueries(fn: () => Promise<unknown>): Promise<number> {
      const runner = t.db.createQueryRunner();
      const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
      await runner.release();
      const original = proto.query;
      let count = 0;
      proto.query = function (this: unknown, ...args: unknown[]) {
        if (/sessions|speakers/.test(String(args[0]))) count++;
        return original.apply(this, args);
      };
      try {
        await fn();
      } finally {
        proto.query = original;
      }
      return count;
    }

    it('builds the agenda with the same few queries whatever its size (no N+1)', async () => {
      const counts: number[] = [];
      for (const size of [2, 12]) {
        const event = await springEvent();
        const speakers = [];
        for (let i = 0; i < size; i++) speakers.push(await addSpeaker(t, organiser, event.id));
        for (let i = 0; i < size; i++) {
          await addSession(t, organiser, event, {
            startsAt: new Date(Date.UTC(2027, 2, 27, 8 + i)).toISOString(),
            endsAt: new Date(Date.UTC(2027, 2, 27, 9 + i)).toISOString(),
            speakerIds: [speakers[i].id, speakers[(i + 1) % size].id],
          });
        }
        await publishEvent(t, organiser, event.id);
        counts.push(await agendaQueries(() => t.http.get(`/api/events/${event.id}/agenda`).expect(200)));
      }
      expect(counts[0]).toBe(counts[1]);
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[0]).toBeLessThanOrEqual(3);
    });
  });

  describe('two API processes', () => {
    it('a change made through one is served at once by the other (Redis invalidation)', async () => {
      const other = await createHttpApp(loadConfig({}, { ...t.config, processRole: 'api' }));
      await other.init();
      await other.getHttpAdapter().getInstance().ready();
      try {
        const event = await springEvent();
        const session = await addSession(t, organiser, event, {
          title: 'Before',
          startsAt: '2027-03-27T10:00:00Z',
          endsAt: '2027-03-27T11:00:00Z',
        });
        await publishEvent(t, organiser, event.id);
        const viaOther = () => request(other.getHttpServer()).get(`/api/events/${event.id}/agenda`).expect(200);
        const first = await viaOther();
        expect(first.text).toContain('"Before"');
        expect((await viaOther()).headers.etag).toBe(first.headers.etag); // served from its own copy

        await t.http
          .patch(`/api/events/${event.id}/sessions/${session.id}`)
          .set(organiser.auth)
          .send({ title: 'After' })
          .expect(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const second = await viaOther();
        expect(second.text).toContain('"After"');
        expect(second.headers.etag).not.toBe(first.headers.etag);
      } finally {
        await other.close();
      }
    });
  });

  describe('iCalendar', () => {
    it('has a stable UID per session, SEQUENCE that rises, cancellations and local times across the clock change', async () => {
      const event = await springEvent();
      const speaker = await addSpeaker(t, organiser, event.id, { name: 'Grace Hopper', email: SECRET_EMAIL });
      const early = await addSession(t, organiser, event, {
        title: 'Before the change',
        startsAt: '2027-03-27T10:00:00Z',
        endsAt: '2027-03-27T11:00:00Z',
        speakerIds: [speaker.id],
      });
      // The clock-change day: 10:00 BST = 09:00 UTC.
      const sunday = await addSession(t, organiser, event, {
        title: 'Day of the change',
        startsAt: '2027-03-28T09:00:00Z',
        endsAt: '2027-03-28T10:00:00Z',
      });
      await publishEvent(t, organiser, event.id);

      const first = await t.http.get(`/api/events/${event.id}/agenda.ics`).expect(200);
      expect(first.headers['content-type']).toMatch(/^text\/calendar/);
      expect(first.headers.etag).toBeTruthy();
      expect(first.text).not.toContain(SECRET_EMAIL);
      expect(first.text).toContain('BEGIN:VTIMEZONE');
      const parsed = vevents(first.text);
      const byUid = new Map(parsed.map((e) => [e.uid, e]));
      expect(byUid.size).toBe(2);
      const sun = byUid.get(`session-${sunday.id}@plenary`)!;
      expect(local(sun.start, 'Europe/London')).toBe('2027-03-28T10:00');
      expect(sun.start.toISOString()).toBe('2027-03-28T09:00:00.000Z');
      expect(local(byUid.get(`session-${early.id}@plenary`)!.start, 'Europe/London')).toBe('2027-03-27T10:00');
      expect(first.text).toContain('DTSTART;TZID=Europe/London:20270328T100000');
      expect(Number(sun.sequence)).toBe(0);
      await t.http.get(`/api/events/${event.id}/agenda.ics`).set('If-None-Match', first.headers.etag).expect(304);

      await t.http
        .patch(`/api/events/${event.id}/sessions/${sunday.id}`)
        .set(organiser.auth)
        .send({ startsAt: '2027-03-28T10:00:00Z', endsAt: '2027-03-28T11:00:00Z' })
        .expect(200);
      await t.http
        .patch(`/api/events/${event.id}/sessions/${early.id}`)
        .set(organiser.auth)
        .send({ status: 'cancelled' })
        .expect(200);

      const second = await t.http.get(`/api/events/${event.id}/agenda.ics`).expect(200);
      const after = new Map(vevents(second.text).map((e) => [e.uid, e]));
      const moved = after.get(`session-${sunday.id}@plenary`)!;
      expect(Number(moved.sequence)).toBe(1);
      expect(local(moved.start, 'Europe/London')).toBe('2027-03-28T11:00');
      const cancelled = after.get(`session-${early.id}@plenary`)!;
      expect(cancelled.status).toBe('CANCELLED');
      expect(Number(cancelled.sequence)).toBe(1);
    });
  });

  describe('HTML page', () => {
    it('renders the published agenda, escaped, with speakers, rooms and the .ics link', async () => {
      const event = await springEvent({ title: 'Meeting <script>alert(1)</script>' });
      const speaker = await addSpeaker(t, organiser, event.id, {
        name: 'Ann <b>Bold</b>',
        organisation: 'Org & Co',
        email: SECRET_EMAIL,
      });
      await addSession(t, organiser, event, {
        title: 'Talk with <img src=x onerror=alert(1)>',
        startsAt: '2027-03-27T09:00:00Z',
        endsAt: '2027-03-27T10:00:00Z',
        room: 'Room "Blue"',
        speakerIds: [speaker.id],
      });
      await publishEvent(t, organiser, event.id);
      const page = await t.http.get(`/events/${event.slug}`).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toMatch(/^public/);
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).toContain('Meeting &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).not.toContain('<img src=x');
      expect(page.text).toContain('Ann &lt;b&gt;Bold&lt;/b&gt;');
      expect(page.text).toContain('Org &amp; Co');
      expect(page.text).toContain('Room &quot;Blue&quot;');
      expect(page.text).toContain(`/api/events/${event.id}/agenda.ics`);
      expect(page.text).toContain('name="viewport"');
      // Print styles live in the one shared stylesheet the page links (no inline <style>).
      expect(page.text).not.toContain('<style');
      const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)![1];
      expect((await t.http.get(stylesheet).expect(200)).text).toContain('@media print');
      expect(page.text).toContain('Times are in Europe/London');
      expect(page.text).not.toContain(SECRET_EMAIL);
      await t.http.get(`/events/${event.slug}`).set('If-None-Match', page.headers.etag).expect(304);
    });
  });

  describe('changes after publishing', () => {
    it('records each change with old and new values and sends one email per person per burst', async () => {
      const event = await springEvent();
      const speaker = await addSpeaker(t, organiser, event.id, { name: 'Kay Speaker', email: 'kay@example.org' });
      const other = await addSpeaker(t, organiser, event.id, { name: 'Other Speaker', email: 'other@example.org' });
      const workshop = await addSession(t, organiser, event, {
        title: 'Canvas workshop',
        kind: 'workshop',
        startsAt: '2027-03-27T10:00:00Z',
        endsAt: '2027-03-27T11:00:00Z',
        room: 'Room A',
        capacity: 10,
        speakerIds: [speaker.id],
      });
      await addSession(t, organiser, event, {
        title: 'Untouched',
        startsAt: '2027-03-27T10:00:00Z',
        endsAt: '2027-03-27T11:00:00Z',
        room: 'Room B',
        speakerIds: [other.id],
      });
      // Changes before publishing are not recorded.
      await t.http
        .patch(`/api/events/${event.id}/sessions/${workshop.id}`)
        .set(organiser.auth)
        .send({ abstract: 'Draft text' })
        .expect(200);
      await publishEvent(t, organiser, event.id);
      const delegate = await insertRegistration(t.db, event.id, { email: 'delegate@example.org', name: 'Dee' });
      await t.db.query(
        `INSERT INTO session_signups (session_id, registration_id, status) VALUES ($1, $2, 'confirmed')`,
        [workshop.id, delegate.registration.id],
      );
      const patch = (body: object) =>
        t.http.patch(`/api/events/${event.id}/sessions/${workshop.id}`).set(organiser.auth).send(body).expect(200);

      // A burst of three edits.
      await patch({ startsAt: '2027-03-27T13:00:00Z', endsAt: '2027-03-27T14:00:00Z' });
      await patch({ room: 'Room C' });
      await patch({ endsAt: '2027-03-27T14:30:00Z' });

      const changes = await t.http.get(`/api/events/${event.slug}/agenda/changes`).expect(200);
      expect(changes.body.total).toBe(3);
      const [retimed, reroomed, moved] = changes.body.items;
      expect(moved).toMatchObject({
        sessionId: workshop.id,
        sessionTitle: 'Canvas workshop',
        kinds: ['moved'],
        old: { startsAt: '2027-03-27T10:00:00.000Z', endsAt: '2027-03-27T11:00:00.000Z' },
        new: { startsAt: '2027-03-27T13:00:00.000Z', endsAt: '2027-03-27T14:00:00.000Z' },
      });
      expect(reroomed).toMatchObject({ kinds: ['re-roomed'], old: { room: 'Room A' }, new: { room: 'Room C' } });
      expect(retimed).toMatchObject({ kinds: ['retimed'] });
      expect(JSON.stringify(changes.body)).not.toContain('kay@example.org');

      // One pending email per person, pushed back by each edit.
      const pending = await t.db.query(
        `SELECT recipient FROM notifications WHERE event_id = $1 AND kind = 'agenda-changed' ORDER BY recipient`,
        [event.id],
      );
      expect(pending.map((r: { recipient: string }) => r.recipient)).toEqual([
        'delegate@example.org',
        'kay@example.org',
      ]);

      await t.mail.waitFor(2);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const toKay = t.mail.to('kay@example.org');
      const toDelegate = t.mail.to('delegate@example.org');
      expect(toKay).toHaveLength(1);
      expect(toDelegate).toHaveLength(1);
      expect(t.mail.to('other@example.org')).toHaveLength(0);
      const text = toKay[0].text;
      expect(toKay[0].subject).toContain('Agenda change');
      expect(text).toContain('Canvas workshop');
      expect(text).toContain('Saturday 27 March, 10:00–11:00');
      expect(text).toContain('Room A to Room C');
      expect(toDelegate[0].text).toContain('signed up');
      const attachment = toDelegate[0].attachments.find((a) => a.filename?.endsWith('.ics'));
      expect(attachment).toBeDefined();
      const [vevent] = vevents(attachment!.content);
      expect(vevent.uid).toBe(`session-${workshop.id}@plenary`);
      expect(Number(vevent.sequence)).toBe(3);

      // A later edit is a new burst: a second email.
      await patch({ title: 'Canvas workshop (new name)' });
      await t.mail.waitFor(4);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(t.mail.to('kay@example.org')).toHaveLength(2);
      expect(t.mail.to('kay@example.org')[1].text).toContain('renamed');
    });

    it('records additions, cancellations and removals; non-members cannot see draft changes', async () => {
      const event = await springEvent();
      await publishEvent(t, organiser, event.id);
      const added = await addSession(t, organiser, event, {
        startsAt: '2027-03-27T10:00:00Z',
        endsAt: '2027-03-27T11:00:00Z',
        title: 'New one',
      });
      await t.http
        .patch(`/api/events/${event.id}/sessions/${added.id}`)
        .set(organiser.auth)
        .send({ status: 'cancelled' })
        .expect(200);
      await t.http.delete(`/api/events/${event.id}/sessions/${added.id}`).set(organiser.auth).expect(204);
      const changes = await t.http.get(`/api/events/${event.id}/agenda/changes?limit=2`).expect(200);
      expect(changes.body.total).toBe(3);
      expect(changes.body.items.map((c: { kinds: string[] }) => c.kinds)).toEqual([['removed'], ['cancelled']]);
      const rest = await t.http.get(`/api/events/${event.id}/agenda/changes?limit=2&offset=2`).expect(200);
      expect(rest.body.items[0]).toMatchObject({
        kinds: ['added'],
        old: null,
        new: expect.objectContaining({ title: 'New one' }),
      });
      await t.http.get(`/api/events/${event.id}/agenda/changes?limit=0`).expect(400);
    });
  });
});
