import type { EntityManager } from 'typeorm';
import { ImpactFollowUpRepository } from '../../src/evidence/impact-follow-up.repository.js';
import { ImpactFollowUpService } from '../../src/evidence/impact-follow-up.service.js';
import { KeyRing } from '../../src/platform/crypto/key-ring.js';
import { SecretBox } from '../../src/platform/crypto/secret-box.js';
import { insertEvent, insertMember, insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { newStaff } from '../factories/staff.factory.js';
import { Barrier } from '../setup/barrier.js';
import { Browser } from '../setup/staff-browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const DAY = 86_400_000;

/**
 * The claim taken away: it reads what is due, then marks it sent whether or not another sweep
 * did meanwhile, so two sweeps at once both send. Only the control run uses it.
 */
const CONCURRENT_SWEEPS = 8;

class UnguardedImpactFollowUpRepository extends ImpactFollowUpRepository {
  private readonly everyoneRead = new Barrier(CONCURRENT_SWEEPS);

  override async claimDue(manager: EntityManager, now: Date): Promise<Array<{ eventId: string; sentAt: Date }>> {
    const due: Array<{ eventId: string }> = await manager.query(
      `SELECT f.event_id AS "eventId" FROM impact_follow_ups f JOIN events e ON e.id = f.event_id
       WHERE f.sent_at IS NULL AND e.ends_at + make_interval(weeks => f.after_count) <= $1`,
      [now],
    );
    await this.everyoneRead.arrive();
    const claimed: Array<{ eventId: string; sentAt: Date }> = [];
    for (const { eventId } of due) {
      const [rows] = await manager.query(
        `UPDATE impact_follow_ups SET sent_at = clock_timestamp() WHERE event_id = $1 RETURNING sent_at AS "sentAt"`,
        [eventId],
      );
      claimed.push({ eventId, sentAt: rows[0].sentAt });
    }
    return claimed;
  }
}

/** An event that ended `endedDaysAgo` days ago, two attendees (door and session), one absent. */
async function setUp(t: TestApp, endedDaysAgo: number) {
  const now = Date.now();
  const organiser = await newStaff(t);
  const event = await insertEvent(t.db, {
    startsAt: new Date(now - endedDaysAgo * DAY - 6 * 3_600_000),
    endsAt: new Date(now - endedDaysAgo * DAY),
  });
  await insertMember(t.db, event.id, organiser.id, 'organiser');
  const talk = await insertSession(t.db, event, {
    title: 'Safeguarding in practice',
    kind: 'talk',
    startsAt: new Date(event.startsAt.getTime() + 3_600_000),
    endsAt: new Date(event.startsAt.getTime() + 2 * 3_600_000),
    capacity: null,
  });
  const keys = t.app.get(KeyRing);
  const door = await insertRegistration(t.db, event.id, { name: 'Door Attendee', checkedInAt: new Date() });
  const session = await insertRegistration(t.db, event.id, { name: 'Session Attendee', linkUsedAt: new Date() });
  await t.db.query('UPDATE registrations SET token_sealed = $2 WHERE id = $1', [
    session.registration.id,
    new SecretBox(keys, 'personal-link').seal(session.token),
  ]);
  await t.db.query(
    `INSERT INTO session_check_ins (session_id, registration_id, checked_in_at) VALUES ($1, $2, now())`,
    [talk.id, session.registration.id],
  );
  const absent = await insertRegistration(t.db, event.id, { name: 'Not There' });
  const browser = new Browser(t);
  await browser.signIn(organiser);
  return { event, door, session, absent, browser };
}

const followUpMail = (t: TestApp, eventId: string) =>
  t.db.query<Array<{ registration_id: string }>>(
    `SELECT registration_id FROM notifications WHERE kind = 'impact-follow-up' AND event_id = $1 ORDER BY registration_id`,
    [eventId],
  );

const setFollowUp = (t: TestApp, eventId: string, weeks: number) =>
  t.db.query(
    `INSERT INTO impact_follow_ups (event_id, after_count, after_unit, rating_question, practice_question)
     VALUES ($1, $2, 'weeks', 'Has it changed your practice?', 'What have you changed since?')`,
    [eventId, weeks],
  );

describe('impact follow-up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets an organiser set it on the feedback page, refuses bad input, and keeps it as sent once it has gone', async () => {
    const { event, browser } = await setUp(t, 1);
    const page = `/staff/events/${event.id}/feedback`;
    const shown = await browser.get(page);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Impact follow-up');
    expect(shown.text).toContain('value="What have you changed in your practice since?"');

    const bad = await browser.post(`${page}/follow-up`, {
      afterCount: '0',
      afterUnit: 'years',
      ratingQuestion: '',
      practiceQuestion: 'x'.repeat(201),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a whole number from 1 to 52.');
    expect(bad.text).toContain('Choose weeks or months.');
    expect(bad.text).toContain('Enter a question of up to 200 characters.');
    expect(await t.db.query(`SELECT 1 FROM impact_follow_ups WHERE event_id = $1`, [event.id])).toHaveLength(0);
    expect((await browser.post(`${page}/follow-up`, { afterCount: '6' }, { csrf: false })).status).toBe(403);

    const form = {
      afterCount: '6',
      afterUnit: 'weeks',
      ratingQuestion: 'Has it stuck?',
      practiceQuestion: 'What changed?',
    };
    const saved = await browser.post(`${page}/follow-up`, form);
    expect(saved.status).toBe(303);
    const after = await browser.get(saved.headers.location);
    expect(after.text).toContain('The impact follow-up is set');
    expect(after.text).toContain('value="Has it stuck?"');
    expect(after.text).toMatch(/<option value="weeks" selected>/);

    await t.db.query(`UPDATE impact_follow_ups SET sent_at = now() WHERE event_id = $1`, [event.id]);
    const late = await browser.post(`${page}/follow-up`, { ...form, ratingQuestion: 'Changed after sending' });
    expect((await browser.get(late.headers.location)).text).toContain('has gone already');
    const [row] = await t.db.query(`SELECT rating_question FROM impact_follow_ups WHERE event_id = $1`, [event.id]);
    expect(row.rating_question).toBe('Has it stuck?');
  });

  it('goes once it is due, to those who attended, once however many sweeps run at once', async () => {
    const notYet = await setUp(t, 6);
    await setFollowUp(t, notYet.event.id, 1);
    const due = await setUp(t, 8);
    await setFollowUp(t, due.event.id, 1);
    const service = t.app.get(ImpactFollowUpService);

    await Promise.all(Array.from({ length: CONCURRENT_SWEEPS }, () => service.sendDue()));
    await Promise.all(Array.from({ length: CONCURRENT_SWEEPS }, () => service.sendDue()));

    const sent = await followUpMail(t, due.event.id);
    expect(sent.map((r) => r.registration_id).sort()).toEqual(
      [due.door.registration.id, due.session.registration.id].sort(),
    );
    expect(await followUpMail(t, notYet.event.id)).toHaveLength(0);
    const mail = await t.mail.waitForMessage(due.session.registration.email, (m) =>
      m.subject.includes('what has changed'),
    );
    expect(mail.text).toContain(`/r/${due.session.token}/follow-up`);
    expect(mail.text).toContain('Hello Session Attendee');
  });

  it('is answered on the page its email links to: once, kept without the delegate, only by those who attended', async () => {
    const due = await setUp(t, 8);
    await setFollowUp(t, due.event.id, 1);
    const delegate = new Browser(t);
    const path = `/r/${due.session.token}/follow-up`;
    expect((await delegate.get(path)).status).toBe(404);

    await t.app.get(ImpactFollowUpService).sendDue();
    const form = await delegate.get(path);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Has it changed your practice?');
    expect(form.text).toContain('What have you changed since?');

    const bad = await delegate.post(path, { 'q-change': '9', practice: 'Kept' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('>Kept</textarea>');
    const answers = () =>
      t.db.query<Array<{ round: string; ratings: Record<string, number>; practice: string | null }>>(
        `SELECT round, ratings, practice FROM feedback_answers WHERE event_id = $1`,
        [due.event.id],
      );
    expect(await answers()).toHaveLength(0);

    const storm = await Promise.all(
      Array.from({ length: 10 }, () => delegate.post(path, { 'q-change': '4', practice: 'I ask families first.' })),
    );
    expect(storm.filter((r) => r.status === 303)).toHaveLength(1);
    expect(storm.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await answers()).toEqual([{ round: 'impact', ratings: { change: 4 }, practice: 'I ask families first.' }]);
    expect((await delegate.get(path)).text).toContain('You have answered the follow-up.');

    expect((await delegate.get(`/r/${due.absent.token}/follow-up`)).status).toBe(404);
    expect((await delegate.post(`/r/${due.absent.token}/follow-up`, { 'q-change': '4' })).status).toBe(404);
    expect(await answers()).toHaveLength(1);
  });

  describe('without the claim (control run)', () => {
    let racy: TestApp;
    beforeAll(async () => {
      racy = await createTestApp(
        { rateLimitDisabled: true },
        { swap: [{ provide: ImpactFollowUpRepository, useClass: UnguardedImpactFollowUpRepository }] },
      );
    });
    afterAll(async () => {
      await racy.close();
    });

    it('sends it more than once: the claim is what keeps it to one', async () => {
      const due = await setUp(racy, 8);
      await setFollowUp(racy, due.event.id, 1);
      const service = racy.app.get(ImpactFollowUpService);
      await Promise.all(Array.from({ length: CONCURRENT_SWEEPS }, () => service.sendDue()));
      expect((await followUpMail(racy, due.event.id)).length).toBeGreaterThan(2);
    });
  });
});
