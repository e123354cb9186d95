import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../identity/auth-user.js';
import { Clock } from '../../platform/clock/clock.js';
import { registrationsError, RegistrationsError } from '../registrations.errors.js';
import {
  CheckInRepository,
  type Door,
  type DoorCount,
  type DoorDelegate,
  type DoorSession,
} from './check-in.repository.js';
import { normaliseCheckInCode } from './check-in-code.js';

/** A door with what its rules need: which session (if any) and whether a place in it is required. */
export interface OpenDoor extends Door {
  session: DoorSession | null;
  /** A workshop's door admits only those with a place in it. */
  placeRequired: boolean;
}

export interface CheckInOutcome {
  delegate: DoorDelegate;
  /** False when the delegate was already checked in at this door: nothing changed. */
  recorded: boolean;
}

const SEARCH_LIMIT = 20;

/**
 * Door check-in, at the event's door or one session's. A check-in is recorded once: a
 * repeated, retried or simultaneous request finds it recorded and says when.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly checkIns: CheckInRepository,
    private readonly clock: Clock,
  ) {}

  /** The event's door, or a session's; a session of another event, a break or a cancelled one has no door. */
  async door(eventId: string, sessionId?: string | null): Promise<OpenDoor> {
    if (!sessionId) return { eventId, sessionId: null, session: null, placeRequired: false };
    const session = await this.checkIns.findSession(eventId, sessionId);
    if (!session || session.kind === 'break') {
      throw registrationsError(RegistrationsError.SessionNotFound, 'That session was not found in this event.');
    }
    if (session.status !== 'scheduled') {
      throw registrationsError(RegistrationsError.SessionCancelled, `“${session.title}” has been cancelled.`);
    }
    return { eventId, sessionId, session, placeRequired: session.kind === 'workshop' };
  }

  /** `user` is the staff member at the door, or null when delegates check themselves in (a room's code). */
  async checkIn(door: OpenDoor, registrationId: string, user: Pick<AuthUser, 'id'> | null): Promise<CheckInOutcome> {
    const now = this.clock.now();
    const recordedAt =
      door.sessionId === null
        ? await this.checkIns.recordEventCheckIn(door.eventId, registrationId, user?.id ?? null, now)
        : await this.checkIns.recordSessionCheckIn(
            { ...door, sessionId: door.sessionId },
            registrationId,
            user?.id ?? null,
            now,
            door.placeRequired,
          );
    const delegate = await this.requireDelegate(door, registrationId);
    if (recordedAt) return { delegate, recorded: true };
    if (delegate.checkedInAt) return { delegate, recorded: false };
    throw this.refusal(door, delegate);
  }

  /** The check-in code from a QR code or typed in (spaces, dashes and case do not matter). */
  async checkInByCode(door: OpenDoor, code: string, user: AuthUser): Promise<CheckInOutcome> {
    const normalised = normaliseCheckInCode(code);
    const delegate = normalised ? await this.checkIns.findByCode(door, normalised) : undefined;
    if (!delegate) {
      throw registrationsError(
        RegistrationsError.RegistrationNotFound,
        'That code is not a registration for this event; search by name instead.',
      );
    }
    return this.checkIn(door, delegate.id, user);
  }

  /**
   * Withdraws the check-in the desk was shown (recorded at `at`). Repeating it, or undoing a
   * check-in that was replaced meanwhile, changes nothing.
   */
  async undo(door: OpenDoor, registrationId: string, at: Date): Promise<DoorDelegate> {
    await this.checkIns.undoCheckIn(door, registrationId, at);
    return this.requireDelegate(door, registrationId);
  }

  search(door: OpenDoor, text: string): Promise<DoorDelegate[]> {
    const trimmed = text.trim();
    if (trimmed.length === 0) return Promise.resolve([]);
    return this.checkIns.search(door, trimmed, SEARCH_LIMIT);
  }

  count(door: OpenDoor): Promise<DoorCount> {
    return this.checkIns.count(door, door.placeRequired);
  }

  delegate(door: OpenDoor, registrationId: string): Promise<DoorDelegate> {
    return this.requireDelegate(door, registrationId);
  }

  doorSessions(eventId: string): Promise<DoorSession[]> {
    return this.checkIns.doorSessions(eventId);
  }

  private async requireDelegate(door: Door, registrationId: string): Promise<DoorDelegate> {
    const delegate = await this.checkIns.findDelegate(door, registrationId);
    if (!delegate) throw registrationsError(RegistrationsError.RegistrationNotFound, 'The registration was not found.');
    return delegate;
  }

  private refusal(door: OpenDoor, delegate: DoorDelegate) {
    if (delegate.erased) {
      return registrationsError(
        RegistrationsError.Erased,
        'This registration’s personal data was erased; it cannot be checked in.',
      );
    }
    if (delegate.status !== 'confirmed') {
      return registrationsError(
        RegistrationsError.NotConfirmed,
        `Only delegates with a confirmed place can be checked in; ${delegate.name} is ${delegate.status === 'waitlisted' ? 'on the waiting list' : 'cancelled'}.`,
      );
    }
    return registrationsError(
      RegistrationsError.NoPlaceInWorkshop,
      `${delegate.name} has no place in “${door.session?.title ?? 'this workshop'}”.`,
    );
  }
}
