import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock/clock.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { newSecretToken } from '../platform/crypto/tokens.js';
import { defineErrors } from '../platform/errors/domain-error.js';
import { canonicalEmailOf } from '../platform/mail/email-address.js';
import { ScheduleChangeHooks } from '../events/schedule-change.hooks.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { type ColleagueRegistration, ColleagueRegistrationsRepository } from './colleague-registrations.repository.js';
import { DelegatesService } from './delegates.service.js';
import type { CreateRegistrationDto } from './dto/create-registration.dto.js';
import type { RegistrationOutcome } from './registration-outcome.js';
import type { RegistrationStatus } from './registration.entity.js';
import { WorkshopSignupsService } from './workshop-signups.service.js';

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.RegistrationPassedOn]: { eventTitle: string; agencyName: string };
  }
}

export enum ColleagueRegistrationsError {
  NotFound = 'ColleagueNotFound',
  AlreadyRegistered = 'ColleagueAlreadyRegistered',
  EventOver = 'ColleagueEventOver',
}

export const colleagueRegistrationsError = defineErrors<ColleagueRegistrationsError>({
  [ColleagueRegistrationsError.NotFound]: 'not_found',
  [ColleagueRegistrationsError.AlreadyRegistered]: 'conflict',
  [ColleagueRegistrationsError.EventOver]: 'unprocessable',
});

/** The link officer acting: their id, and the agency they act for. */
export interface ActingOfficer {
  linkOfficerId: string;
  agencyId: string;
  agencyName: string;
}

/** The colleague who takes a place over: the register form's fields (their organisation is the agency). */
export type NewColleague = Pick<CreateRegistrationDto, 'name' | 'email' | 'jobTitle' | 'accessNeeds' | 'dietaryNeeds'>;

export interface SwapOutcome {
  id: string;
  status: RegistrationStatus;
  waitlistPosition: number | null;
}

/**
 * A link officer registering their agency's colleagues and passing a held place from one
 * colleague to another. Registering is the delegates' own registration (the same seat claim,
 * the same welcome email with the colleague's personal link); the link officer never sees the
 * link. Passing a place on moves the seat or the queue place as it is, so nobody waiting is
 * promoted and the event's counters do not move.
 */
@Injectable()
export class ColleagueRegistrationsService {
  private readonly box: SecretBox;

  constructor(
    private readonly repo: ColleagueRegistrationsRepository,
    private readonly delegates: DelegatesService,
    private readonly workshopSignups: WorkshopSignupsService,
    private readonly outbox: OutboxService,
    private readonly scheduleChanges: ScheduleChangeHooks,
    private readonly clock: Clock,
    keys: KeyRing,
  ) {
    this.box = new SecretBox(keys, 'personal-link');
  }

  /**
   * Registers a colleague for the agency: DelegatesService.register with the agency set, so the
   * colleague is emailed their own personal link as if they had registered themselves; a new
   * registration records which link officer made it.
   */
  async register(eventId: string, officer: ActingOfficer, input: CreateRegistrationDto): Promise<RegistrationOutcome> {
    const outcome = await this.delegates.register(eventId, {
      ...input,
      agencyId: officer.agencyId,
      organisation: undefined,
    });
    if (outcome.created) await this.repo.markRegisteredBy(outcome.id, officer.linkOfficerId);
    return outcome;
  }

  /** A live registration of the agency (confirmed or waiting), else undefined. */
  colleague(registrationId: string, agencyId: string): Promise<ColleagueRegistration | undefined> {
    return this.repo.colleague(registrationId, agencyId);
  }

  /**
   * Passes a colleague's place (a seat, or their place in the queue) to another colleague, in
   * one transaction: the old registration is cancelled without the seat going to the waiting
   * list, the new one takes that same seat or queue place, its workshops are let go (the new
   * colleague signs up themselves), and both are emailed: the old holder that the place was
   * passed on, the new one their welcome with their own personal link.
   */
  async swap(registrationId: string, officer: ActingOfficer, input: NewColleague): Promise<SwapOutcome> {
    const now = this.clock.now();
    const notFound = () =>
      colleagueRegistrationsError(ColleagueRegistrationsError.NotFound, 'That colleague’s registration was not found.');
    const eventId = await this.repo.eventOf(registrationId);
    if (!eventId) throw notFound();
    const emailCanonical = canonicalEmailOf(input.email);
    const { token, hash } = newSecretToken();
    const outcome = await this.repo.transaction(async (manager) => {
      const event = await this.repo.lockEvent(manager, eventId);
      const place = await this.repo.lockHeldPlace(manager, registrationId, eventId, officer.agencyId);
      if (!event || !place) throw notFound();
      if (event.status !== 'published' || now >= event.endsAt) {
        throw colleagueRegistrationsError(
          ColleagueRegistrationsError.EventOver,
          'This event is over or cancelled, so its places can no longer be passed on.',
        );
      }
      const mailbox = await this.repo.lockMailbox(manager, eventId, emailCanonical);
      if (mailbox && (mailbox.status !== 'cancelled' || mailbox.erased)) {
        throw colleagueRegistrationsError(
          ColleagueRegistrationsError.AlreadyRegistered,
          'That email address is already registered for this event.',
        );
      }
      await this.workshopSignups.releaseAll(manager, place.id, now);
      await this.repo.giveUp(manager, place.id, now, newSecretToken().hash);
      const id = await this.repo.takeOver(
        manager,
        place,
        {
          name: input.name,
          email: input.email,
          emailCanonical,
          tokenHash: hash,
          tokenSealed: this.box.seal(token),
          jobTitle: input.jobTitle ?? null,
          accessNeeds: input.accessNeeds ?? null,
          dietaryNeeds: input.dietaryNeeds ?? null,
          consentedAt: now,
          agencyId: officer.agencyId,
          linkOfficerId: officer.linkOfficerId,
        },
        mailbox?.id,
      );
      await this.outbox.cancelPendingForRegistration(manager, place.id);
      await this.outbox.enqueue(
        manager,
        {
          kind: NotificationKind.RegistrationPassedOn,
          recipient: place.email,
          sendAt: now,
          dedupeKey: `registration-passed-on:${place.id}:${place.tokenHash.slice(0, 16)}`,
          eventId,
          registrationId: place.id,
          data: { eventTitle: place.eventTitle, agencyName: officer.agencyName },
        },
        {
          kind:
            place.status === 'confirmed'
              ? NotificationKind.RegistrationConfirmed
              : NotificationKind.RegistrationWaitlisted,
          recipient: input.email,
          sendAt: now,
          dedupeKey: `registration-welcome:${id}:${hash.slice(0, 16)}`,
          eventId,
          registrationId: id,
        },
      );
      await this.scheduleChanges.announce(manager, { eventId, registrationId: place.id });
      await this.scheduleChanges.announce(manager, { eventId, registrationId: id });
      return { id, status: place.status, waitlistPosition: await this.repo.queuePosition(manager, id) };
    });
    return outcome;
  }
}
