import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SessionAudience, type SessionDelegate } from '../agenda/session-audience.js';
import { MailLookupsRepository } from './mail-lookups.repository.js';
import { greetingName } from './registration.entity.js';

/** Tells the agenda who is signed up to a session and how to greet them in its change emails. */
@Injectable()
export class SessionAudienceProvider implements OnModuleInit {
  constructor(
    private readonly audience: SessionAudience,
    private readonly lookups: MailLookupsRepository,
  ) {}

  onModuleInit(): void {
    this.audience.provide({
      signedUp: (manager: EntityManager, sessionId: string): Promise<SessionDelegate[]> =>
        this.lookups.signedUp(manager, sessionId),
      greeting: async (registrationId: string) => {
        const registration = await this.lookups.registration(registrationId);
        if (!registration || registration.status === 'cancelled' || registration.erasedAt) return undefined;
        return { name: greetingName(registration) };
      },
      waitingFor: (registrationId: string, sessionIds: string[]) => this.lookups.waitingFor(registrationId, sessionIds),
    });
  }
}
