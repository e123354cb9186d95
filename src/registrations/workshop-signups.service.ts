import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ScheduleChangeHooks } from '../events/schedule-change.hooks.js';
import { toWorkshopSignupResponse, type WorkshopSignupResponse } from './dto/registration.response.js';
import type { Registration } from './registration.entity.js';
import { DelegatesRepository } from './delegates.repository.js';
import { registrationsError, RegistrationsError } from './registrations.errors.js';
import { type WorkshopListing, type WorkshopSeats, WorkshopSignupsRepository } from './workshop-signups.repository.js';

/**
 * Workshop sign-ups: a place if one is free, otherwise the workshop's waiting list. Every
 * change locks the registration, then the workshop row, and writes its emails to the outbox
 * in the same transaction.
 */
@Injectable()
export class WorkshopSignupsService {
  constructor(
    private readonly signups: WorkshopSignupsRepository,
    private readonly registrations: DelegatesRepository,
    private readonly outbox: OutboxService,
    private readonly scheduleChanges: ScheduleChangeHooks,
    private readonly clock: Clock,
  ) {}

  /** The event's workshops with their places taken, for filters and lists. */
  workshops(eventId: string): Promise<WorkshopListing[]> {
    return this.signups.workshopsOf(eventId);
  }

  /**
   * Signs the delegate up for a workshop: a place if one is free, otherwise its waiting
   * list. Signing up again returns the existing sign-up.
   */
  async signUp(delegate: Registration, sessionId: string): Promise<WorkshopSignupResponse> {
    const now = this.clock.now();
    return this.registrations.transaction(async (manager) => {
      const registration = await this.registrations.lockRegistration(manager, delegate.id);
      if (!registration || registration.status !== 'confirmed') {
        throw registrationsError(
          RegistrationsError.NotConfirmed,
          registration?.status === 'waitlisted'
            ? 'You are on the waiting list for the event; you can sign up for workshops once you have a place.'
            : 'Your registration is cancelled, so you cannot sign up for workshops.',
        );
      }
      const session = await this.requireWorkshop(manager, registration.eventId, sessionId);
      const existing = await this.signups.findSignup(manager, sessionId, registration.id);
      if (existing) return toWorkshopSignupResponse(existing);
      const clash = await this.signups.findClash(manager, registration.id, session);
      if (clash) {
        throw registrationsError(
          RegistrationsError.WorkshopClash,
          `This workshop overlaps “${clash.title}”, which you have signed up for. Leave that one first.`,
        );
      }
      // If places were added since the queue formed, the queue moves up before this newcomer joins it.
      await this.fillWorkshopSeats(manager, session, now);
      const signup = await this.signups.insertSignup(manager, session.id, registration.id);
      if (signup.status === 'confirmed') {
        // A short confirmation with the session's .ics (a queued sign-up hears when it gets a place).
        await this.outbox.enqueue(manager, {
          kind: NotificationKind.WorkshopSignedUp,
          recipient: registration.email,
          data: { sessionId: session.id, signupId: signup.id },
          sendAt: now,
          dedupeKey: `workshop-signed-up:${signup.id}`,
          eventId: registration.eventId,
          registrationId: registration.id,
        });
      }
      await this.scheduleChanges.announce(manager, { eventId: registration.eventId, registrationId: registration.id });
      return toWorkshopSignupResponse(signup);
    });
  }

  /** Leaves a workshop (or its queue); a freed place goes to the next in the queue. */
  async leave(delegate: Registration, sessionId: string): Promise<void> {
    const now = this.clock.now();
    await this.registrations.transaction(async (manager) => {
      const registration = await this.registrations.lockRegistration(manager, delegate.id);
      if (!registration) return;
      const session = await this.signups.lockWorkshopSeats(manager, sessionId);
      if (!session || session.eventId !== registration.eventId) {
        throw registrationsError(RegistrationsError.SessionNotFound, 'The workshop was not found.');
      }
      const signup = await this.signups.findSignup(manager, sessionId, registration.id);
      if (!signup) return;
      await this.signups.deleteSignup(manager, signup.id);
      if (signup.status === 'confirmed') await this.fillWorkshopSeats(manager, session, now);
      await this.scheduleChanges.announce(manager, { eventId: registration.eventId, registrationId: registration.id });
    });
  }

  private async requireWorkshop(manager: EntityManager, eventId: string, sessionId: string): Promise<WorkshopSeats> {
    const session = await this.signups.lockWorkshopSeats(manager, sessionId);
    if (!session || session.eventId !== eventId) {
      throw registrationsError(RegistrationsError.SessionNotFound, 'The workshop was not found in this event.');
    }
    if (session.kind !== 'workshop') {
      throw registrationsError(
        RegistrationsError.NotAWorkshop,
        'Only workshops take sign-ups; every delegate may attend the other sessions.',
      );
    }
    if (session.status !== 'scheduled') {
      throw registrationsError(RegistrationsError.SessionCancelled, 'This workshop has been cancelled.');
    }
    return session;
  }

  /**
   * Gives up every workshop place and queue place of a registration being cancelled; each freed
   * place goes to the next in that workshop's queue. Call with the event and registration locked.
   */
  async releaseAll(manager: EntityManager, registrationId: string, now: Date): Promise<void> {
    const signups = await this.signups.signupsOf(registrationId, manager);
    for (const signup of [...signups].sort((a, b) => a.sessionId.localeCompare(b.sessionId))) {
      const session = await this.signups.lockWorkshopSeats(manager, signup.sessionId);
      await this.signups.deleteSignup(manager, signup.id);
      if (session && signup.status === 'confirmed') await this.fillWorkshopSeats(manager, session, now);
    }
  }

  /** Promotes from the workshop's queue while its counters show a free place. Call with the workshop row locked. */
  private async fillWorkshopSeats(manager: EntityManager, session: WorkshopSeats, now: Date): Promise<void> {
    if (session.status !== 'scheduled') return;
    for (;;) {
      const next = await this.signups.promoteNextSignup(manager, session.id);
      if (!next) return;
      await this.outbox.enqueue(manager, {
        kind: NotificationKind.WorkshopPromoted,
        recipient: next.email,
        data: { sessionId: session.id, signupId: next.id },
        sendAt: now,
        dedupeKey: `workshop-promoted:${next.id}`,
        eventId: session.eventId,
        registrationId: next.registrationId,
      });
      await this.scheduleChanges.announce(manager, { eventId: session.eventId, registrationId: next.registrationId });
    }
  }
}
