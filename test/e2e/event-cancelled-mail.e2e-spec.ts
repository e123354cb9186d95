import ICAL from 'ical.js';
import { newEvent, publishEvent } from '../factories/events.factory.js';
import { register } from '../factories/registrations.factory.js';
import { newStaff, type StaffUser } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('cancelling an event', () => {
  let t: TestApp;
  let organiser: StaffUser;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitDisabled: true });
    organiser = await newStaff(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('emails each confirmed and waiting delegate once, with a CANCELLED calendar entry, and no one who cancelled', async () => {
    const event = await newEvent(t, organiser, { capacity: 1 });
    await publishEvent(t, organiser, event.id);
    const confirmed = await register(t, event.id);
    const waiting = await register(t, event.id);
    const gone = await register(t, event.id);
    expect([confirmed.status, waiting.status, gone.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    await t.http.delete('/api/registrations/me').set(gone.auth).expect(204);

    await t.http.post(`/api/events/${event.id}/cancel`).set(organiser.auth).expect(200);

    for (const delegate of [confirmed, waiting]) {
      const mail = await t.mail.waitForMessage(delegate.email, (m) => m.subject.startsWith('Cancelled: '));
      const ics = mail.attachments.find((a) => a.filename === 'event.ics');
      expect(ics).toBeDefined();
      const vevent = new ICAL.Component(ICAL.parse(ics!.content)).getFirstSubcomponent('vevent')!;
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    }
    const rows = await t.db.query<Array<{ registration_id: string }>>(
      `SELECT registration_id FROM notifications WHERE event_id = $1 AND kind = 'event-cancelled'`,
      [event.id],
    );
    expect(rows.map((r) => r.registration_id).sort()).toEqual([confirmed.id, waiting.id].sort());
    expect(t.mail.to(gone.email).filter((m) => m.subject.startsWith('Cancelled: '))).toHaveLength(0);
  });
});
