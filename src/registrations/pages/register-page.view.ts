import type { RegistrationCall } from '../../agenda/pages/registration-call.js';
import { longDateTime } from '../../platform/web/dates.js';
import type { FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';

/** The register form's fields, in page order (the error summary follows it). */
export const REGISTER_FIELDS = [
  'name',
  'email',
  'agencyId',
  'organisation',
  'jobTitle',
  'accessNeeds',
  'dietaryNeeds',
  'consent',
] as const;
const OPTIONAL_TEXT = new Set(['agencyId', 'organisation', 'jobTitle', 'accessNeeds', 'dietaryNeeds']);

/** The ticked consent box posts "yes"; the DTO (the API's) wants `consent: true`. */
export const CONSENT_GIVEN = 'yes';

/** The form's strings as the API's body: consent a boolean, optional fields left empty not given. */
export function registrationBody(values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === 'consent' || (OPTIONAL_TEXT.has(name) && value.trim() === '')) continue;
    body[name] = value;
  }
  body.consent = values.consent === CONSENT_GIVEN;
  return body;
}

export interface EventForPage {
  slug: string;
  timezone: string;
}

/** The register page: the form while one may register (into the waiting list when full), else why not. */
export function registerPageView(
  event: EventForPage,
  call: RegistrationCall | undefined,
  form: FormView,
  m: Messages,
  notice?: string,
  agencies: ReadonlyArray<{ id: string; name: string; region: string | null }> = [],
) {
  const base = `/events/${encodeURIComponent(event.slug)}`;
  const open = call?.kind === 'open' || call?.kind === 'full';
  return {
    form,
    notice,
    postTo: `${base}/register`,
    lostLinkHref: `${base}/link`,
    agendaHref: base,
    open,
    full: call?.kind === 'full',
    consentValue: CONSENT_GIVEN,
    button: call?.kind === 'full' ? m.register.joinWaitingListButton : m.register.registerButton,
    shut: open ? undefined : shutText(call, event, m),
    privacy: m.privacy.paragraphs,
    agencies: agencies.map((agency) => ({
      id: agency.id,
      label: agency.region ? `${agency.name} (${agency.region})` : agency.name,
      selected: form.values.agencyId === agency.id,
    })),
  };
}

function shutText(call: RegistrationCall | undefined, event: EventForPage, m: Messages): string {
  if (call?.kind === 'opens') return m.register.callOpens(longDateTime(call.at, event.timezone, m.locale));
  if (call?.kind === 'cancelled') return m.register.cancelled;
  return m.register.callClosed;
}
