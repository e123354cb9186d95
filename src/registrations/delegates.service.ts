import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BackgroundWork } from '../platform/background/background-work.js';
import { Clock } from '../platform/clock/clock.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { newSecretToken } from '../platform/crypto/tokens.js';
import { canonicalEmailOf } from '../platform/mail/email-address.js';
import { AppConfig } from '../platform/config/app-config.js';
import { AgenciesService } from '../agencies/agencies.service.js';
import { Event } from '../events/event.entity.js';
import { eventUrls } from '../events/event-urls.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ScheduleChangeHooks } from '../events/schedule-change.hooks.js';
import type { CreateRegistrationDto } from './dto/create-registration.dto.js';
import { type MyRegistrationResponse, toDelegateWorkshopResponse } from './dto/registration.response.js';
import { personalLink } from './personal-link.js';
import type { Registration } from './registration.entity.js';
import {
  DelegatesRepository,
  type EventSeats,
  type LockedRegistration,
  type PlacedRegistration,
} from './delegates.repository.js';
import { acceptedMessage, type RegistrationOutcome } from './registration-outcome.js';
import { registrationsError, RegistrationsError } from './registrations.errors.js';
import { WorkshopSignupsRepository } from './workshop-signups.repository.js';
import { WorkshopSignupsService } from './workshop-signups.service.js';
import { NewDelegateSchedule } from './new-delegate-schedule.js';

/**
 * A delegate's registration: registering, the personal link, their own view, cancelling, and
 * the event's waiting list. Every change to who holds a seat runs in one transaction that
 * first locks the event row, so seats are decided one at a time, and writes its emails to
 * the outbox in that same transaction.
 */
@Injectable()
export class DelegatesService {
  private readonly box: SecretBox;

  constructor(
    private readonly registrations: DelegatesRepository,
    private readonly signups: WorkshopSignupsRepository,
    private readonly workshopSignups: WorkshopSignupsService,
    private readonly outbox: OutboxService,
    private readonly scheduleChanges: ScheduleChangeHooks,
    private readonly newDelegates: NewDelegateSchedule,
    private readonly config: AppConfig,
    keys: KeyRing,
    private readonly clock: Clock,
    private readonly background: BackgroundWork,
    private readonly agencies: AgenciesService,
  ) {
    this.box = new SecretBox(keys, 'personal-link');
  }

  /**
   * Registers, deciding the place (a seat, or the waiting list) at once. The personal link
   * goes only to the mailbox: a new registration is emailed its welcome (with the link and
   * the outcome); for an address whose mailbox is already registered nothing is created and
   * the owner is emailed their current link. The outcome is for callers in this process (the
   * seeder, pages that render `acceptedMessage`); whoever sent the form is told only that
   * the link was emailed, the same either way.
   */
  async register(eventId: string, input: CreateRegistrationDto): Promise<RegistrationOutcome> {
    const now = this.clock.now();
    const emailCanonical = canonicalEmailOf(input.email);
    const { token, hash } = newSecretToken();
    const agency = await this.agencies.forRegistration(input.agencyId, input.organisation);
    const outcome = await this.registrations.transaction(async (manager) => {
      const event = await this.registrations.lockEventSeats(manager, eventId);
      this.assertRegistrationOpen(event, now);
      const inserted = await this.registrations.insertRegistration(manager, {
        eventId,
        name: input.name,
        email: input.email,
        emailCanonical,
        tokenHash: hash,
        tokenSealed: this.box.seal(token),
        organisation: agency.organisation,
        organisationKey: agency.organisationKey,
        agencyId: agency.agencyId,
        jobTitle: input.jobTitle ?? null,
        accessNeeds: input.accessNeeds ?? null,
        dietaryNeeds: input.dietaryNeeds ?? null,
        consentedAt: now,
        agencyPlaces: event.agencyPlaces,
      });
      if (!inserted) return this.alreadyRegistered(manager, eventId, emailCanonical, input.email, now);
      let placed = inserted;
      if (placed.seatsFreeBehindQueue) {
        // The capacity was raised since the queue formed: the queue (this newcomer at its end) moves up first.
        // The newcomer, if it gets a seat here, is told by its welcome email alone.
        await this.fillEventSeats(manager, event, now, placed.id);
        placed = await this.registrations.placeOf(manager, placed.id);
      }
      await this.outbox.enqueue(manager, {
        kind:
          placed.status === 'confirmed'
            ? NotificationKind.RegistrationConfirmed
            : NotificationKind.RegistrationWaitlisted,
        recipient: input.email,
        sendAt: now,
        // Keyed on the token too: someone who cancelled and registered again is welcomed again.
        dedupeKey: `registration-welcome:${placed.id}:${hash.slice(0, 16)}`,
        eventId,
        registrationId: placed.id,
      });
      return this.outcome(placed, token, input.email, true);
    });
    // After COMMIT, so the seat lock is not held while reminder rules are evaluated.
    if (outcome.created && outcome.status === 'confirmed') await this.newDelegates.announce(eventId, outcome.id);
    return outcome;
  }

  /** The mailbox already holds a live registration: its owner gets their current link (within the hourly cap). */
  private async alreadyRegistered(
    manager: EntityManager,
    eventId: string,
    emailCanonical: string,
    typed: string,
    now: Date,
  ): Promise<RegistrationOutcome> {
    const id = await this.registrations.findIdByMailbox(eventId, emailCanonical, manager);
    const registration = id ? await this.registrations.lockRegistration(manager, id) : undefined;
    if (!registration) throw new Error('A registration that blocked the insert is gone');
    const token = await this.emailCurrentLink(manager, registration, now);
    return this.outcome(await this.registrations.placeOf(manager, registration.id), token, typed, false);
  }

  private outcome(placed: PlacedRegistration, token: string, typed: string, created: boolean): RegistrationOutcome {
    return {
      id: placed.id,
      status: placed.status,
      ...(placed.waitlistPosition ? { waitlistPosition: placed.waitlistPosition } : {}),
      ...(placed.waitlistReason ? { waitlistReason: placed.waitlistReason } : {}),
      token,
      personalLink: personalLink(this.config.appUrl, token),
      created,
      acceptedMessage: acceptedMessage(typed),
    };
  }

  private assertRegistrationOpen(event: EventSeats | undefined, now: Date): asserts event is EventSeats {
    if (!event || event.status === 'draft') {
      throw registrationsError(RegistrationsError.EventNotFound, 'The event was not found.');
    }
    if (event.status === 'cancelled') {
      throw registrationsError(RegistrationsError.RegistrationClosed, 'This event has been cancelled.');
    }
    if (event.registrationOpensAt && now < event.registrationOpensAt) {
      throw registrationsError(
        RegistrationsError.RegistrationClosed,
        `Registration opens at ${event.registrationOpensAt.toISOString()}.`,
      );
    }
    const closesAt = event.registrationClosesAt ?? event.endsAt;
    if (now >= closesAt) {
      throw registrationsError(RegistrationsError.RegistrationClosed, 'Registration for this event has closed.');
    }
  }

  /**
   * Emails the current personal link if that mailbox is registered for the event; says
   * nothing either way. The link is not replaced, so a stranger asking cannot end it. The
   * look-up and the email happen after the caller has its answer (BackgroundWork), so a
   * known and an unknown address take the same time to answer.
   */
  resendLink(eventId: string, email: string): Promise<void> {
    const emailCanonical = canonicalEmailOf(email);
    const now = this.clock.now();
    this.background.run('Sending a personal link again', () => this.sendCurrentLink(eventId, emailCanonical, now));
    return Promise.resolve();
  }

  private async sendCurrentLink(eventId: string, emailCanonical: string, now: Date): Promise<void> {
    await this.registrations.transaction(async (manager) => {
      const id = await this.registrations.findIdByMailbox(eventId, emailCanonical, manager);
      const registration = id ? await this.registrations.lockRegistration(manager, id) : undefined;
      if (!registration || registration.erasedAt) return;
      await this.emailCurrentLink(manager, registration, now);
    });
  }

  /**
   * Writes the "your personal link" email to the registration's own address, unless it had
   * REGISTRATION_LINK_MAILS_PER_HOUR of them in the last hour; returns the current token.
   * A registration from before sealed tokens has none to send, so it gets a new one.
   * Call with the registration row locked (that serialises the count).
   */
  private async emailCurrentLink(manager: EntityManager, registration: LockedRegistration, now: Date): Promise<string> {
    let token: string;
    if (registration.tokenSealed) {
      token = this.box.open(registration.tokenSealed);
    } else {
      const fresh = newSecretToken();
      token = fresh.token;
      await this.registrations.rotateToken(manager, registration.id, fresh.hash, this.box.seal(token));
    }
    const since = new Date(now.getTime() - 3_600_000);
    const recent = await this.outbox.countSince(manager, registration.id, NotificationKind.RegistrationLink, since);
    if (recent < this.config.registrationLinkMailsPerHour) {
      await this.outbox.enqueue(manager, {
        kind: NotificationKind.RegistrationLink,
        recipient: registration.email,
        sendAt: now,
        dedupeKey: `registration-link:${registration.id}:${now.getTime()}:${recent}`,
        eventId: registration.eventId,
        registrationId: registration.id,
      });
    }
    return token;
  }

  // --- delegates ---------------------------------------------------------------------

  /** The delegate as their token found them in this request, with their event, workshops and place in the queue. */
  async me(registration: Registration): Promise<MyRegistrationResponse> {
    const [event, workshops, waitlistPosition] = await Promise.all([
      this.registrations.findEvent(registration.eventId),
      this.signups.signupsOf(registration.id),
      registration.status === 'waitlisted'
        ? this.registrations.waitlistPosition(registration.eventId, registration.id)
        : Promise.resolve(null),
    ]);
    if (!event) throw registrationsError(RegistrationsError.RegistrationNotFound, 'Not found.');
    return {
      id: registration.id,
      status: registration.status,
      ...(waitlistPosition ? { waitlistPosition } : {}),
      ...(registration.waitlistReason ? { waitlistReason: registration.waitlistReason } : {}),
      name: registration.name,
      email: registration.email,
      organisation: registration.organisation,
      jobTitle: registration.jobTitle,
      accessNeeds: registration.accessNeeds,
      dietaryNeeds: registration.dietaryNeeds,
      checkedInAt: registration.checkedInAt?.toISOString() ?? null,
      cancelledAt: registration.cancelledAt?.toISOString() ?? null,
      createdAt: registration.createdAt.toISOString(),
      event: toDelegateEvent(event),
      workshops: workshops.map(toDelegateWorkshopResponse),
      calendarUrl: eventUrls(this.config.appUrl, event).calendarFeed,
    };
  }

  /**
   * Cancels a registration. In the same transaction its workshop places go to the next in
   * each workshop's queue and, if it held a seat, the first eligible on the event's
   * waiting list gets it; everyone concerned is emailed through the outbox.
   * Cancelling twice changes nothing.
   */
  async cancel(delegate: Registration): Promise<void> {
    const now = this.clock.now();
    await this.registrations.transaction(async (manager) => {
      const event = await this.registrations.lockEventSeats(manager, delegate.eventId);
      const registration = await this.registrations.lockRegistration(manager, delegate.id);
      if (!event || !registration || registration.status === 'cancelled') return;

      await this.workshopSignups.releaseAll(manager, registration.id, now);
      await this.registrations.markCancelled(manager, registration.id, now);
      await this.outbox.cancelPendingForRegistration(manager, registration.id);
      await this.outbox.enqueue(manager, {
        kind: NotificationKind.RegistrationCancelled,
        recipient: registration.email,
        sendAt: now,
        dedupeKey: `registration-cancelled:${registration.id}:${registration.tokenHash.slice(0, 16)}`,
        eventId: event.id,
        registrationId: registration.id,
      });
      if (registration.status === 'confirmed') await this.fillEventSeats(manager, event, now);
      await this.scheduleChanges.announce(manager, { eventId: event.id, registrationId: registration.id });
    });
  }

  /** Promotes from the waiting list while seats are free (e.g. after an organiser raised the capacity). */
  async fillFreeSeats(eventId: string): Promise<number> {
    const now = this.clock.now();
    return this.registrations.transaction(async (manager) => {
      const event = await this.registrations.lockEventSeats(manager, eventId);
      return event ? this.fillEventSeats(manager, event, now) : 0;
    });
  }

  /**
   * Releases the agency places of every event whose release date has come: their unused
   * reservations join the open seats, and the waiting list is promoted into whatever is free,
   * in the order people came. Returns how many were promoted.
   */
  async releaseDueAgencyPlaces(): Promise<number> {
    const now = this.clock.now();
    let promoted = 0;
    for (const eventId of await this.registrations.dueAgencyReleases(now)) {
      promoted += await this.registrations.transaction(async (manager) => {
        const event = await this.registrations.lockEventSeats(manager, eventId);
        if (!event || !(await this.registrations.releaseAgencyPlaces(manager, eventId, now))) return 0;
        return this.fillEventSeats(manager, event, now);
      });
    }
    return promoted;
  }

  /** Promotes from the queue while the event's counters show a free seat. Call with the event row locked. */
  private async fillEventSeats(manager: EntityManager, event: EventSeats, now: Date, quietFor?: string): Promise<number> {
    let promoted = 0;
    for (;;) {
      const next = await this.registrations.promoteNextWaiting(manager, event);
      if (!next) return promoted;
      if (next.id !== quietFor) {
        await this.outbox.enqueue(manager, {
          kind: NotificationKind.RegistrationPromoted,
          recipient: next.email,
          sendAt: now,
          dedupeKey: `registration-promoted:${next.id}:${next.tokenHash.slice(0, 16)}`,
          eventId: event.id,
          registrationId: next.id,
        });
      }
      await this.scheduleChanges.announce(manager, { eventId: event.id, registrationId: next.id });
      promoted += 1;
    }
  }
}

const toDelegateEvent = (event: Event) => ({
  id: event.id,
  slug: event.slug,
  title: event.title,
  venue: event.venue,
  timezone: event.timezone,
  startsAt: event.startsAt.toISOString(),
  endsAt: event.endsAt.toISOString(),
  status: event.status,
});
