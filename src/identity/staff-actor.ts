import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActorKind, ActorVerifiers } from '../platform/http/actor-verifiers.js';
import { StaffAuthenticator } from './staff-authenticator.js';

/**
 * Tells the rate limits that a bearer token is a standing staff account's. A made-up or ended
 * token is nobody (unless it is a personal link), and its request counts against its address.
 */
@Injectable()
export class StaffActor implements OnModuleInit {
  constructor(
    private readonly verifiers: ActorVerifiers,
    private readonly staff: StaffAuthenticator,
  ) {}

  onModuleInit(): void {
    this.verifiers.register(ActorKind.bearer, async (token) => {
      const user = await this.staff.fromToken(token);
      return user ? `u:${user.id}` : undefined;
    });
  }
}
