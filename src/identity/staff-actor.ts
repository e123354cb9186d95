import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActorKind, ActorVerifiers } from '../platform/http/actor-verifiers.js';
import { STAFF_SESSION_ACTOR } from './sessions/staff-session-cookie.js';
import { StaffSessions } from './sessions/staff-sessions.js';
import { StaffAuthenticator } from './staff-authenticator.js';

/**
 * Tells the rate limits that a bearer token (or a staff page's session cookie) is a standing staff account's. A made-up or ended
 * token is nobody (unless it is a personal link), and its request counts against its address.
 */
@Injectable()
export class StaffActor implements OnModuleInit {
  constructor(
    private readonly verifiers: ActorVerifiers,
    private readonly staff: StaffAuthenticator,
    private readonly sessions: StaffSessions,
  ) {}

  onModuleInit(): void {
    this.verifiers.register(ActorKind.bearer, async (token) => {
      const user = await this.staff.fromToken(token);
      return user ? `u:${user.id}` : undefined;
    });
    // A staff page's session cookie: the same account, whichever credential it came with.
    this.verifiers.register(STAFF_SESSION_ACTOR, async (token) => {
      const user = await this.sessions.resolve(token);
      return user ? `u:${user.id}` : undefined;
    });
  }
}
