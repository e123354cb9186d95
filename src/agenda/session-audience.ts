import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A delegate signed up to a session, as the agenda's change emails need them. */
export interface SessionDelegate {
  id: string;
  email: string;
}

/** What registrations tell the agenda about its delegates; registrations sit above the agenda. */
export interface SessionAudienceSource {
  /** Delegates still registered and signed up to the session, in the caller's transaction. */
  signedUp(manager: EntityManager, sessionId: string): Promise<SessionDelegate[]>;
  /** How to greet the delegate in an email, or undefined when they are no longer to be written to. */
  greeting(registrationId: string): Promise<{ name: string | undefined } | undefined>;
  /** Of these sessions, those where the delegate is only in the queue (no place yet). */
  waitingFor(registrationId: string, sessionIds: string[]): Promise<Set<string>>;
}

/**
 * The seam through which the agenda learns who attends a session. Registrations provide the
 * source when the application starts; until then (never in a running app) it refuses.
 */
@Injectable()
export class SessionAudience implements SessionAudienceSource {
  private source: SessionAudienceSource | undefined;

  provide(source: SessionAudienceSource): void {
    this.source = source;
  }

  signedUp(manager: EntityManager, sessionId: string): Promise<SessionDelegate[]> {
    return this.required().signedUp(manager, sessionId);
  }

  greeting(registrationId: string): Promise<{ name: string | undefined } | undefined> {
    return this.required().greeting(registrationId);
  }

  waitingFor(registrationId: string, sessionIds: string[]): Promise<Set<string>> {
    return this.required().waitingFor(registrationId, sessionIds);
  }

  private required(): SessionAudienceSource {
    if (!this.source) throw new Error('No session audience: the registrations module provides it at start-up');
    return this.source;
  }
}
