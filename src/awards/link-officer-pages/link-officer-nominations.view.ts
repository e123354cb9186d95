import type { FormView } from '../../platform/web/form.js';
import { longDateTime } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';

export const NOMINATION_FIELDS = ['awardId', 'nomineeId', 'statement'] as const;

/** The link officer's nomination page: the awards taking nominations, the agency's colleagues, the form. */
export function linkOfficerNominationView(
  agency: { id: string; name: string },
  event: { id: string; title: string; timezone: string },
  choices: {
    awards: Array<{ id: string; title: string; closesAt: Date }>;
    colleagues: Array<{ id: string; name: string }>;
  },
  form: FormView,
  m: Messages,
  notice?: string,
) {
  const c = m.linkOfficerColleagues;
  const only = <T extends { id: string }>(items: T[], field: string) =>
    items.length === 1 && !form.values[field] ? items[0].id : form.values[field];
  const awardId = only(choices.awards, 'awardId');
  const nomineeId = form.values.nomineeId;
  return {
    form,
    notice,
    intro: c.nominateIntro(agency.name, event.title),
    postTo: `/link-officer/agencies/${encodeURIComponent(agency.id)}/events/${encodeURIComponent(event.id)}/nominate`,
    backHref: '/link-officer',
    open: choices.awards.length > 0,
    anyone: choices.colleagues.length > 0,
    closes: choices.awards.map((award) =>
      c.closes(award.title, longDateTime(award.closesAt, event.timezone, m.locale)),
    ),
    awards: choices.awards.map((award) => ({ id: award.id, label: award.title, selected: award.id === awardId })),
    colleagues: choices.colleagues.map((colleague) => ({
      id: colleague.id,
      label: colleague.name,
      selected: colleague.id === nomineeId,
    })),
  };
}
