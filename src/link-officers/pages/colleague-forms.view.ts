import { longDateTime } from '../../platform/web/dates.js';
import type { FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import { CONSENT_GIVEN } from '../../registrations/pages/register-page.view.js';
import type { AgencyPage } from '../link-officers.service.js';

/** The colleague form's fields in page order (the register page's, without the organisation: it is the agency). */
export const COLLEAGUE_FIELDS = ['name', 'email', 'jobTitle', 'accessNeeds', 'dietaryNeeds', 'consent'] as const;

const HOME = '/link-officer';
const agencyBase = (agencyId: string) => `${HOME}/agencies/${encodeURIComponent(agencyId)}`;

export const registerColleagueHref = (agencyId: string, eventId: string) =>
  `${agencyBase(agencyId)}/events/${encodeURIComponent(eventId)}/register`;
export const swapColleagueHref = (agencyId: string, registrationId: string) =>
  `${agencyBase(agencyId)}/registrations/${encodeURIComponent(registrationId)}/swap`;
export const nominateColleagueHref = (agencyId: string, eventId: string) =>
  `${agencyBase(agencyId)}/events/${encodeURIComponent(eventId)}/nominate`;

/** The agency's places at an event in words: held or capped, how many are taken, and their release. */
function placesText(event: AgencyPage['events'][number], m: Messages): string {
  const w = m.linkOfficers.places;
  const places = event.places;
  if (!places) return w.none;
  if (places.releasedAt) return w.released;
  const held = places.reserved ? w.reserved(places.places) : w.upTo(places.places);
  const release = places.releaseAt ? ` ${w.releaseOn(longDateTime(places.releaseAt, 'Europe/London', m.locale))}` : '';
  return `${held} ${w.taken(event.confirmed.length)}${release}`;
}

/** The agency page: per event, who is in it (each with their swap link) and the links to act for colleagues. */
export function agencyPageView(pages: Array<AgencyPage & { error?: string; value?: string }>, m: Messages) {
  const c = m.linkOfficerColleagues;
  return pages.map((page) => ({
    ...page,
    events: page.events.map((event) => {
      const person = (p: { id: string; name: string }) => ({
        name: p.name,
        swapHref: swapColleagueHref(page.agency.id, p.id),
        swapLabel: c.swapLink(p.name),
      });
      return {
        ...event,
        places: placesText(event, m),
        href: `/events/${encodeURIComponent(event.slug)}`,
        confirmed: event.confirmed.map(person),
        waiting: event.waiting.map(person),
        register: event.registrationOpen
          ? { href: registerColleagueHref(page.agency.id, event.id), label: c.registerLink(event.title) }
          : undefined,
        nominate: { href: nominateColleagueHref(page.agency.id, event.id), label: c.nominateLink(event.title) },
      };
    }),
  }));
}

/** The register-a-colleague page. */
export function registerColleagueView(
  agency: { id: string; name: string },
  event: { id: string; title: string; registrationOpen: boolean },
  form: FormView,
  m: Messages,
  notice?: string,
) {
  return {
    form,
    notice,
    intro: m.linkOfficerColleagues.registerIntro(agency.name, event.title),
    open: event.registrationOpen,
    postTo: registerColleagueHref(agency.id, event.id),
    backHref: HOME,
    consentValue: CONSENT_GIVEN,
    privacy: m.privacy.paragraphs,
  };
}

/** The swap page: whose place is passed on, and the new colleague's form. */
export function swapColleagueView(
  agency: { id: string },
  colleague: { id: string; name: string; eventTitle: string; status: string },
  form: FormView,
  m: Messages,
  notice?: string,
) {
  const c = m.linkOfficerColleagues;
  return {
    form,
    notice,
    intro: c.swapIntro(colleague.name, colleague.eventTitle),
    waiting: colleague.status === 'waitlisted' ? c.swapWaiting(colleague.name) : undefined,
    postTo: swapColleagueHref(agency.id, colleague.id),
    backHref: HOME,
    consentValue: CONSENT_GIVEN,
    privacy: m.privacy.paragraphs,
  };
}
