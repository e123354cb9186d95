import { blankForm } from '../../platform/web/form.js';
import { enGB } from '../../platform/web/messages.en-GB.js';
import type { AgencyPage } from '../link-officers.service.js';
import { agencyPageView, registerColleagueView, swapColleagueView } from './colleague-forms.view.js';

const page: AgencyPage = {
  agency: { id: 'agency-1', name: 'Leeds City Council', officerId: 'officer-1' },
  officers: ['lo@leeds.example'],
  events: [
    {
      id: 'event-1',
      slug: 'annual meeting',
      title: 'Annual Meeting',
      when: 'Thursday',
      registrationOpen: true,
      confirmed: [{ id: 'reg-1', name: 'Ada Able' }],
      waiting: [{ id: 'reg-2', name: 'Wes Waiting' }],
      attended: ['Ada Able'],
    },
    {
      id: 'event-2',
      slug: 'closed',
      title: 'Closed Meeting',
      when: 'Friday',
      registrationOpen: false,
      confirmed: [],
      waiting: [],
      attended: [],
    },
  ],
};

describe('the link officer colleague views', () => {
  it('gives each colleague a swap link and each open event a register link; every event a nominate link', () => {
    const [shown] = agencyPageView([page], enGB);
    const [open, closed] = shown.events;
    expect(open.href).toBe('/events/annual%20meeting');
    expect(open.confirmed).toEqual([
      {
        name: 'Ada Able',
        swapHref: '/link-officer/agencies/agency-1/registrations/reg-1/swap',
        swapLabel: 'Swap Ada Able for another colleague',
      },
    ]);
    expect(open.waiting[0].swapHref).toBe('/link-officer/agencies/agency-1/registrations/reg-2/swap');
    expect(open.register).toEqual({
      href: '/link-officer/agencies/agency-1/events/event-1/register',
      label: 'Register a colleague for Annual Meeting',
    });
    expect(closed.register).toBeUndefined();
    expect(closed.nominate.href).toBe('/link-officer/agencies/agency-1/events/event-2/nominate');
  });

  it('says whose agency and event the register form is for, and posts back to itself', () => {
    const view = registerColleagueView(
      page.agency,
      { id: 'event-1', title: 'Annual Meeting', registrationOpen: true },
      blankForm(),
      enGB,
    );
    expect(view.intro).toContain('Leeds City Council');
    expect(view.intro).toContain('Annual Meeting');
    expect(view.postTo).toBe('/link-officer/agencies/agency-1/events/event-1/register');
    expect(view.open).toBe(true);
  });

  it('says on the swap form when the place is one in the queue', () => {
    const colleague = { id: 'reg-2', name: 'Wes Waiting', eventTitle: 'Annual Meeting', status: 'waitlisted' };
    const view = swapColleagueView(page.agency, colleague, blankForm(), enGB);
    expect(view.waiting).toContain('waiting list');
    expect(view.postTo).toBe('/link-officer/agencies/agency-1/registrations/reg-2/swap');
    expect(
      swapColleagueView(page.agency, { ...colleague, status: 'confirmed' }, blankForm(), enGB).waiting,
    ).toBeUndefined();
  });
});
