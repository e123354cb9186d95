import { NewDelegateSchedule } from '../../src/registrations/new-delegate-schedule.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { insertEvent, insertMember } from '../factories/db-fixtures.js';
import { registrationBody } from '../factories/registrations.factory.js';
import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** The process stops right after the registration committed: the after-commit announcement never runs. */
class StopsAfterCommit extends NewDelegateSchedule {
  override announce(): Promise<void> {
    return Promise.resolve();
  }
}

/** A published event with one reminder rule, and a new delegate registered for it through the API. */
async function registerWithRule(t: TestApp): Promise<{ eventId: string; registrationId: string }> {
  const organiser = await newStaff(t);
  const event = await insertEvent(t.db, { capacity: 10 });
  await insertMember(t.db, event.id, organiser.id, 'organiser');
  await t.http
    .put(`/api/events/${event.id}/reminder-rules`)
    .set(organiser.auth)
    .send([{ before: 'P1D' }])
    .expect(200);
  const body = registrationBody();
  await t.http.post(`/api/events/${event.id}/registrations`).send(body).expect(202);
  const [row] = await t.db.query<Array<{ id: string; status: string }>>(
    `SELECT id, status FROM registrations WHERE event_id = $1 AND email = $2`,
    [event.id, body.email],
  );
  expect(row.status).toBe('confirmed');
  return { eventId: event.id, registrationId: row.id };
}

/** The delegate's mail in the outbox, by kind (the welcome email may be on its way already). */
const mailOf = async (t: TestApp, registrationId: string): Promise<string[]> =>
  (
    await t.db.query<Array<{ kind: string }>>(
      `SELECT kind FROM notifications WHERE registration_id = $1 AND status <> 'cancelled' ORDER BY kind`,
      [registrationId],
    )
  ).map((row) => row.kind);

// The periodic sweep is slowed right down, so only the calls made here write reminders.
const SLOW_SWEEP = { reminderSyncMs: 3_600_000, rateLimitDisabled: true };

describe("a new delegate's reminders, written after the seat's transaction", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(SLOW_SWEEP);
  });
  afterAll(async () => {
    await t.close();
  });

  it('are in the outbox by the time the registration is answered', async () => {
    const { registrationId } = await registerWithRule(t);
    expect(await mailOf(t, registrationId)).toEqual(['registration-confirmed', 'reminder']);
  });
});

describe("a new delegate's reminders when the process stops between commit and sync", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(SLOW_SWEEP, { swap: [{ provide: NewDelegateSchedule, useClass: StopsAfterCommit }] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the seat and the welcome email are committed, and the next sweep writes the reminder', async () => {
    const { registrationId } = await registerWithRule(t);
    expect(await mailOf(t, registrationId)).toEqual(['registration-confirmed']);
    await t.app.get(RemindersService).syncAll();
    expect(await mailOf(t, registrationId)).toEqual(['registration-confirmed', 'reminder']);
  });
});
