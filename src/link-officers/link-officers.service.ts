import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { BackgroundWork } from '../platform/background/background-work.js';
import { Clock } from '../platform/clock/clock.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { newSecretToken, wellFormedTokenHash } from '../platform/crypto/tokens.js';
import { eventWhen } from '../events/event-schedule.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import {
  type AgencyEventRow,
  type AgencyPlacesRow,
  LinkOfficersRepository,
  type OfficerAgency,
} from './link-officers.repository.js';

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.LinkOfficerSignIn]: { tokenSealed: string };
    /** `from` is the officer who handed the role on, or null when the network's organisers named them. */
    [NotificationKind.LinkOfficerHandOver]: { agencyName: string; from: string | null };
  }
}

/** A sign-in link works once, for this long. */
export const SIGN_IN_LINK_MINUTES = 15;
/** At most this many sign-in links per address per hour. */
const SIGN_IN_LINKS_PER_HOUR = 5;

/** A link officer's address as it is stored and compared. */
export const officerEmail = (typed: string): string => typed.trim().toLowerCase();

/** A colleague with a live registration: the swap form is theirs by id. */
export interface Colleague {
  id: string;
  name: string;
}

export interface AgencyEvent {
  id: string;
  slug: string;
  title: string;
  when: string;
  /** Whether a colleague may be registered now (the event's registration window). */
  registrationOpen: boolean;
  confirmed: Colleague[];
  waiting: Colleague[];
  attended: string[];
  /** The agency's places at the event, if the organisers allocated any. */
  places?: Omit<AgencyPlacesRow, 'eventId'>;
}

export interface AgencyPage {
  agency: OfficerAgency;
  officers: string[];
  events: AgencyEvent[];
}

/** Whether the event takes registrations at `now` (opening and closing time; the close defaults to its end). */
export const registrationOpenAt = (event: AgencyEventRow, now: Date): boolean =>
  (!event.registrationOpensAt || now >= new Date(event.registrationOpensAt)) &&
  now < new Date(event.registrationClosesAt ?? event.endsAt);

/** Link officers: passwordless sign-in, handing the role on, and their agency's page. */
@Injectable()
export class LinkOfficersService {
  private readonly box: SecretBox;

  constructor(
    private readonly repo: LinkOfficersRepository,
    private readonly outbox: OutboxService,
    private readonly background: BackgroundWork,
    private readonly clock: Clock,
    keys: KeyRing,
  ) {
    this.box = new SecretBox(keys, 'link-officer-sign-in');
  }

  /**
   * Emails a sign-in link when the address is a link officer's. The caller answers the same
   * way whatever happens: the look-up runs after the answer.
   */
  requestSignIn(typed: string): void {
    const email = officerEmail(typed);
    const now = this.clock.now();
    this.background.run('Sending a link officer sign-in link', () =>
      this.repo.transaction(async (manager) => {
        if ((await this.repo.agenciesOf(email, manager)).length === 0) return;
        // Serialises one address's requests so the hourly count holds.
        await this.repo.lockAddress(manager, email);
        const since = new Date(now.getTime() - 3600_000);
        if ((await this.repo.signInsSince(manager, email, since)) >= SIGN_IN_LINKS_PER_HOUR) return;
        const { token, hash } = newSecretToken();
        await this.repo.insertSignIn(manager, hash, email, new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000));
        await this.outbox.enqueue(manager, {
          kind: NotificationKind.LinkOfficerSignIn,
          recipient: email,
          sendAt: now,
          dedupeKey: `link-officer-sign-in:${hash}`,
          data: { tokenSealed: this.box.seal(token) },
        });
      }),
    );
  }

  /** The sign-in link's token, opened from the outbox row's sealed copy (for the email). */
  openSealed(tokenSealed: string): string {
    return this.box.open(tokenSealed);
  }

  /** Uses up a sign-in link: the address it was for, or undefined (unknown, used, expired). */
  async consume(token: string): Promise<string | undefined> {
    const hash = wellFormedTokenHash(token);
    if (!hash) return undefined;
    const email = await this.repo.consumeSignIn(hash, this.clock.now());
    if (!email || (await this.repo.agenciesOf(email)).length === 0) return undefined;
    return email;
  }

  agenciesOf(email: string): Promise<OfficerAgency[]> {
    return this.repo.agenciesOf(email);
  }

  /** The agency, when this address is its link officer (else undefined: not theirs to see). */
  async agencyOf(email: string, agencyId: string): Promise<OfficerAgency | undefined> {
    return (await this.repo.agenciesOf(email)).find((agency) => agency.id === agencyId);
  }

  /** Hands the role on: the colleague becomes the link officer, this address stops being one. */
  async handOver(from: string, agency: Pick<OfficerAgency, 'id' | 'name'>, typedColleague: string): Promise<void> {
    const colleague = officerEmail(typedColleague);
    const now = this.clock.now();
    await this.repo.transaction(async (manager) => {
      await this.repo.addOfficer(manager, agency.id, colleague);
      if (colleague !== from) await this.repo.removeOfficer(manager, agency.id, from);
      await this.outbox.enqueue(manager, {
        kind: NotificationKind.LinkOfficerHandOver,
        recipient: colleague,
        sendAt: now,
        dedupeKey: `link-officer-hand-over:${agency.id}:${colleague}:${now.getTime()}`,
        data: { agencyName: agency.name, from },
      });
    });
  }

  /** The agency's link officers, for the organisers' page. */
  officers(agencyId: string): Promise<string[]> {
    return this.repo.officersOf(agencyId);
  }

  /** An organiser names one more link officer for the agency; they are emailed (once: naming them again changes nothing). */
  async appoint(agency: { id: string; name: string }, typed: string): Promise<void> {
    const email = officerEmail(typed);
    const now = this.clock.now();
    await this.repo.transaction(async (manager) => {
      if (!(await this.repo.addOfficer(manager, agency.id, email))) return;
      await this.outbox.enqueue(manager, {
        kind: NotificationKind.LinkOfficerHandOver,
        recipient: email,
        sendAt: now,
        dedupeKey: `link-officer-appointed:${agency.id}:${email}:${now.getTime()}`,
        data: { agencyName: agency.name, from: null },
      });
    });
  }

  /** An organiser ends someone's role as the agency's link officer; their sessions end with it (their next request finds no agency). */
  async dismiss(agencyId: string, email: string): Promise<void> {
    await this.repo.transaction((manager) => this.repo.removeOfficer(manager, agencyId, officerEmail(email)));
  }

  /** A published event as the agency's page shows it, or undefined. */
  async event(eventId: string): Promise<(AgencyEventRow & { when: string; registrationOpen: boolean }) | undefined> {
    const event = await this.repo.publishedEvent(eventId);
    return event && { ...event, when: eventWhen(event), registrationOpen: registrationOpenAt(event, this.clock.now()) };
  }

  /** This calendar year's events and who from the agency is in each. */
  async page(agency: OfficerAgency): Promise<AgencyPage> {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: 'Europe/London' });
    const from = now.startOf('year').toJSDate();
    const to = now.startOf('year').plus({ years: 1 }).toJSDate();
    const events = await this.repo.eventsOfYear(from, to);
    const [people, officers, places] = await Promise.all([
      this.repo.colleagues(
        agency.id,
        events.map((event) => event.id),
      ),
      this.repo.officersOf(agency.id),
      this.repo.placesOf(
        agency.id,
        events.map((event) => event.id),
      ),
    ]);
    return {
      agency,
      officers,
      events: events.map((event) => {
        const mine = people.filter((person) => person.eventId === event.id);
        const colleague = (p: { id: string; name: string }): Colleague => ({ id: p.id, name: p.name });
        return {
          id: event.id,
          slug: event.slug,
          title: event.title,
          when: eventWhen(event),
          registrationOpen: registrationOpenAt(event, this.clock.now()),
          confirmed: mine.filter((p) => p.status === 'confirmed').map(colleague),
          waiting: mine.filter((p) => p.status === 'waitlisted').map(colleague),
          attended: mine.filter((p) => p.attended).map((p) => p.name),
          places: places.find((p) => p.eventId === event.id),
        };
      }),
    };
  }
}
