import { enGB } from '../../platform/web/messages.en-GB.js';
import type { AgendaDocument } from '../agenda.view.js';
import { eventLayout } from '../../events/event-layout.js';
import { agendaPageView, registrationCallView } from './agenda-page.view.js';

const event: AgendaDocument['event'] = {
  id: 'e1',
  slug: 'annual meeting',
  title: 'Annual meeting',
  description: '',
  venue: '',
  timezone: 'Europe/London',
  startsAt: '2026-06-04T08:00:00Z',
  endsAt: '2026-06-05T16:00:00Z',
  status: 'published',
};

describe('the agenda page view', () => {
  it('heads the page with the event, its dates in its zone and a safe link', () => {
    expect(eventLayout(event, enGB)).toEqual({
      title: 'Annual meeting',
      href: '/events/annual%20meeting',
      dates: '4 June – 5 June 2026',
      venue: undefined,
    });
  });

  it('names kinds and speakers from the catalogue', () => {
    const doc = {
      event,
      version: 1,
      rooms: [],
      tracks: [],
      calendarUrl: '',
      pageUrl: '',
      speakers: [{ id: 's', name: 'Bo', organisation: 'Org', jobTitle: null, photoUrl: null, bio: null }],
      days: [
        {
          date: '2026-06-04',
          label: 'Thursday 4 June',
          sessions: [
            {
              id: 'x',
              title: 'Opening',
              abstract: null,
              kind: 'keynote',
              status: 'cancelled',
              startsAt: '',
              endsAt: '',
              localStart: '09:00',
              localEnd: '10:00',
              room: null,
              track: null,
              capacity: null,
              speakers: [{ id: 's', name: 'Bo', organisation: 'Org' }],
            },
          ],
        },
      ],
    } satisfies AgendaDocument;
    const view = agendaPageView(doc, '/json', enGB);
    expect(view.days[0].sessions[0]).toMatchObject({ kindLabel: 'Keynote', cancelled: true, who: 'Bo (Org)' });
    expect(view.speakers[0].role).toBe('Org');
    expect(view.timesIn).toBe('Times are in Europe/London.');
  });
});

describe('the agenda page’s call to register', () => {
  it('offers the register page while open, the waiting list when full, and says when it opens or that it closed', () => {
    expect(registrationCallView({ kind: 'open' }, { event }, enGB)).toEqual({
      text: 'Registration is open.',
      button: { href: '/events/annual%20meeting/register', label: 'Register' },
    });
    expect(registrationCallView({ kind: 'full' }, { event }, enGB)?.button?.label).toBe('Join the waiting list');
    expect(registrationCallView({ kind: 'opens', at: new Date('2026-05-01T08:00:00Z') }, { event }, enGB)).toEqual({
      text: 'Registration opens on Friday 1 May 2026, 09:00.',
    });
    expect(registrationCallView({ kind: 'closed' }, { event }, enGB)).toEqual({ text: 'Registration is closed.' });
    expect(registrationCallView({ kind: 'cancelled' }, { event }, enGB)).toBeUndefined();
    expect(registrationCallView(undefined, { event }, enGB)).toBeUndefined();
  });
});
