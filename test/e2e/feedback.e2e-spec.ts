import { FeedbackRepository, type Submission } from '../../src/evidence/feedback.repository.js';
import { KeyRing } from '../../src/platform/crypto/key-ring.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import type { Event } from '../../src/events/event.entity.js';
import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Barrier } from '../setup/barrier.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;

/**
 * The guard taken away: it looks for a receipt, then writes the answer and the receipt in
 * separate statements, so answers sent at once all find no receipt. Only the control run uses it.
 */
const CONCURRENT_ANSWERS = 20;

class UnguardedFeedbackRepository extends FeedbackRepository {
  private readonly everyoneLooked = new Barrier(CONCURRENT_ANSWERS);

  override async submit(submission: Submission): Promise<boolean> {
    const subject = submission.sessionId ?? submission.eventId;
    const answered = await this.answered(submission.registrationId, submission.round);
    if (answered.has(subject)) return false;
    await this.everyoneLooked.arrive();
    await this.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO feedback_answers (event_id, session_id, round, ratings, practice) VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [
          submission.eventId,
          submission.sessionId,
          submission.round,
          JSON.stringify(submission.ratings),
          submission.practice,
        ],
      );
      await manager.query(
        `INSERT INTO feedback_receipts (round, subject_id, registration_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [submission.round, subject, submission.registrationId],
      );
    });
    return true;
  }
}

const checkIn = (t: TestApp, sessionId: string, registrationId: string) =>
  t.db.query(`INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`, [
    sessionId,
    registrationId,
  ]);

async function setUp(t: TestApp, overrides: Partial<Event> = {}) {
  const now = Date.now();
  const organiser = await newStaff(t);
  const event = await insertEvent(t.db, {
    startsAt: new Date(now - 5 * 60 * MINUTE),
    endsAt: new Date(now + 5 * 60 * MINUTE),
    ...overrides,
  });
  await insertMember(t.db, event.id, organiser.id, 'organiser');
  const talk = await insertSession(t.db, event, {
    title: 'Safeguarding in practice',
    kind: 'talk',
    startsAt: new Date(event.startsAt.getTime() + 60 * MINUTE),
    endsAt: new Date(event.startsAt.getTime() + 120 * MINUTE),
    capacity: null,
  });
  const later = await insertSession(t.db, event, {
    title: 'Closing panel',
    kind: 'panel',
    startsAt: new Date(now + 2 * 60 * MINUTE),
    endsAt: new Date(now + 3 * 60 * MINUTE),
    capacity: null,
  });
  const browser = new Browser(t);
  await browser.signIn(organiser);
  return { event, talk, later, browser };
}

/** A rating for every question on the form, and the practice answer. */
function answers(html: string, rating: string, practice = 'I will ask families first.'): Record<string, string> {
  const names = [...new Set([...html.matchAll(/type="radio" id="[^"]+" name="(q-[0-9a-f-]+)"/g)].map((m) => m[1]))];
  expect(names.length).toBeGreaterThan(0);
  return { ...Object.fromEntries(names.map((name) => [name, rating])), practice };
}

const count = async (t: TestApp, table: string, eventId: string): Promise<number> => {
  const where =
    table === 'feedback_answers'
      ? 'event_id = $1'
      : 'registration_id IN (SELECT id FROM registrations WHERE event_id = $1)';
  const [row] = await t.db.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, [eventId]);
  return Number(row.n);
};

describe('feedback', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the answer without the delegate: the answer table has no delegate column, nor a time', async () => {
    const columns = await t.db.query<Array<{ column_name: string }>>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'feedback_answers' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['event_id', 'id', 'practice', 'ratings', 'round', 'session_id']);
  });

  it('lets an attendee answer each form of theirs once, only while it is open', async () => {
    const { event, talk, later } = await setUp(t);
    const amara = await insertRegistration(t.db, event.id, { name: 'Amara Okafor' });
    const ben = await insertRegistration(t.db, event.id, { name: 'Ben Ashby' });
    await checkIn(t, talk.id, amara.registration.id);
    await checkIn(t, later.id, amara.registration.id);
    const delegate = new Browser(t);
    const base = `/r/${amara.token}/feedback`;

    const list = await delegate.get(base);
    expect(list.status).toBe(200);
    expect(list.text).toContain('Give feedback on Safeguarding in practice');
    expect(list.text).toContain(`Give feedback on ${event.title}`);
    expect(list.text).toContain('Opens when it starts');
    expect((await delegate.get(`/r/${amara.token}`)).text).toContain('Give feedback on the event and your sessions');

    const form = await delegate.get(`${base}/sessions/${talk.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('What will you do differently in your practice?');
    expect(form.text).toContain('The session met its aims');

    const missing = await delegate.post(`${base}/sessions/${talk.id}`, { practice: 'Something' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Choose a rating from 1 to 5.');
    expect(await count(t, 'feedback_answers', event.id)).toBe(0);

    const sent = await delegate.post(`${base}/sessions/${talk.id}`, answers(form.text, '4'));
    expect(sent.status).toBe(303);
    expect((await delegate.get(sent.headers.location)).text).toContain('Thank you: your feedback has been sent.');
    const again = await delegate.post(`${base}/sessions/${talk.id}`, answers(form.text, '1'));
    expect(again.status).toBe(409);
    expect(again.text).toContain('You have answered this already.');
    const stored = await t.db.query<Array<{ ratings: Record<string, number>; practice: string }>>(
      'SELECT ratings, practice FROM feedback_answers WHERE event_id = $1',
      [event.id],
    );
    expect(stored).toHaveLength(1);
    expect(Object.values(stored[0].ratings)).toEqual([4, 4, 4]);
    expect(stored[0].practice).toBe('I will ask families first.');

    // Not yet started: the form is listed but refuses answers.
    expect((await delegate.post(`${base}/sessions/${later.id}`, answers(form.text, '3'))).status).toBe(409);
    // Ben attended nothing: no forms at all.
    expect((await new Browser(t).get(`/r/${ben.token}/feedback`)).text).toContain(
      'Feedback opens for the sessions you attend',
    );
    expect((await new Browser(t).get(`/r/${ben.token}/feedback/sessions/${talk.id}`)).status).toBe(404);
    expect((await new Browser(t).get(`/r/${ben.token}/feedback/sessions/not-a-uuid`)).status).toBe(404);
    expect(await count(t, 'feedback_answers', event.id)).toBe(1);
  });

  it('closes a set number of days after the event, as the organiser sets it, with the questions they wrote', async () => {
    const now = Date.now();
    const { event, talk, browser } = await setUp(t, {
      startsAt: new Date(now - 3 * 24 * 60 * MINUTE),
      endsAt: new Date(now - 2 * 24 * 60 * MINUTE),
    });
    const amara = await insertRegistration(t.db, event.id);
    await checkIn(t, talk.id, amara.registration.id);
    const settings = `/staff/events/${event.id}/feedback`;
    const page = await browser.get(settings);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="The session met its aims"');
    const bad = await browser.post(settings, { question1: 'x'.repeat(201), closesAfterDays: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a whole number of days from 0 to 365.');
    const saved = await browser.post(settings, {
      question1: 'It met its aims',
      question2: '',
      question3: 'It was worth my time',
      closesAfterDays: '1',
    });
    expect(saved.status).toBe(303);
    const delegate = new Browser(t);
    expect((await delegate.get(`/r/${amara.token}/feedback`)).text).toContain('Closed');
    const form = await delegate.get(`/r/${amara.token}/feedback/sessions/${talk.id}`);
    expect(form.text).toContain('It met its aims');
    expect(form.text).toContain('It was worth my time');
    expect(form.text).not.toContain('The speakers explained things clearly');
    const refused = await delegate.post(`/r/${amara.token}/feedback/sessions/${talk.id}`, answers(form.text, '5'));
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Feedback on this has closed.');
    await browser.post(settings, {
      question1: 'It met its aims',
      question3: 'It was worth my time',
      closesAfterDays: '14',
    });
    expect(
      (await delegate.post(`/r/${amara.token}/feedback/sessions/${talk.id}`, answers(form.text, '5'))).status,
    ).toBe(303);
  });

  it('takes one answer per delegate from 20 sent at once', async () => {
    const { event, talk } = await setUp(t);
    const cara = await insertRegistration(t.db, event.id);
    await checkIn(t, talk.id, cara.registration.id);
    const delegate = new Browser(t);
    const form = await delegate.get(`/r/${cara.token}/feedback/event`);
    const storm = await Promise.all(
      Array.from({ length: CONCURRENT_ANSWERS }, () =>
        delegate.post(`/r/${cara.token}/feedback/event`, answers(form.text, '5')),
      ),
    );
    expect(storm.filter((r) => r.status === 303)).toHaveLength(1);
    expect(storm.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await count(t, 'feedback_answers', event.id)).toBe(1);
    expect(await count(t, 'feedback_receipts', event.id)).toBe(1);
  });

  it('sends one reminder, through the outbox, to attendees with a form unanswered, however often it is sent', async () => {
    const { event, talk, browser } = await setUp(t);
    const keys = t.app.get(KeyRing);
    const sealed = (token: string) => new SecretBox(keys, 'personal-link').seal(token);
    const partly = await insertRegistration(t.db, event.id, { name: 'Partly Answered', linkUsedAt: new Date() });
    await t.db.query('UPDATE registrations SET token_sealed = $2 WHERE id = $1', [
      partly.registration.id,
      sealed(partly.token),
    ]);
    const done = await insertRegistration(t.db, event.id, { name: 'All Answered' });
    const absent = await insertRegistration(t.db, event.id, { name: 'Not There' });
    const doorOnly = await insertRegistration(t.db, event.id, { name: 'Door Only', checkedInAt: new Date() });
    for (const d of [partly, done]) await checkIn(t, talk.id, d.registration.id);
    const delegate = new Browser(t);
    const form = await delegate.get(`/r/${done.token}/feedback/event`);
    for (const path of ['event', `sessions/${talk.id}`]) {
      expect((await delegate.post(`/r/${done.token}/feedback/${path}`, answers(form.text, '3'))).status).toBe(303);
    }
    expect(
      (await delegate.post(`/r/${partly.token}/feedback/sessions/${talk.id}`, answers(form.text, '3'))).status,
    ).toBe(303);

    await browser.get(`/staff/events/${event.id}/feedback`);
    for (let i = 0; i < 2; i += 1) {
      expect((await browser.post(`/staff/events/${event.id}/feedback/reminder`, {})).status).toBe(303);
    }
    expect((await browser.post(`/staff/events/${event.id}/feedback/reminder`, {}, { csrf: false })).status).toBe(403);
    const rows = await t.db.query<Array<{ registration_id: string }>>(
      `SELECT registration_id FROM notifications WHERE kind = 'feedback-reminder' AND event_id = $1 ORDER BY registration_id`,
      [event.id],
    );
    expect(rows.map((r) => r.registration_id).sort()).toEqual(
      [partly.registration.id, doorOnly.registration.id].sort(),
    );
    expect(rows.map((r) => r.registration_id)).not.toContain(absent.registration.id);
    const mail = await t.mail.waitForMessage(partly.registration.email, (m) => m.subject.includes('Your feedback'));
    expect(mail.text).toContain(`/r/${partly.token}/feedback`);
    expect(mail.text).toContain('Hello Partly Answered');
  });

  describe('without the receipt guard (control run)', () => {
    let racy: TestApp;
    beforeAll(async () => {
      racy = await createTestApp(
        { rateLimitDisabled: true },
        { swap: [{ provide: FeedbackRepository, useClass: UnguardedFeedbackRepository }] },
      );
    });
    afterAll(async () => {
      await racy.close();
    });

    it('stores several answers from one delegate: the guard is what keeps it to one', async () => {
      const { event, talk } = await setUp(racy);
      const cara = await insertRegistration(racy.db, event.id);
      await checkIn(racy, talk.id, cara.registration.id);
      const delegate = new Browser(racy);
      const form = await delegate.get(`/r/${cara.token}/feedback/event`);
      await Promise.all(
        Array.from({ length: CONCURRENT_ANSWERS }, () =>
          delegate.post(`/r/${cara.token}/feedback/event`, answers(form.text, '5')),
        ),
      );
      expect(await count(racy, 'feedback_answers', event.id)).toBeGreaterThan(1);
    });
  });
});
