import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActorKind, ActorVerifiers } from '../../platform/http/actor-verifiers.js';
import { DelegateResolver } from './delegate-resolver.js';

/**
 * Tells the rate limits that a bearer token is a delegate's personal link. A token that resolves
 * to nobody (made up, or erased) counts against its address.
 */
@Injectable()
export class DelegateActor implements OnModuleInit {
  constructor(
    private readonly verifiers: ActorVerifiers,
    private readonly delegates: DelegateResolver,
  ) {}

  onModuleInit(): void {
    this.verifiers.register(ActorKind.bearer, async (token) => {
      const delegate = await this.delegates.resolve(token);
      return delegate ? `d:${delegate.id}` : undefined;
    });
  }
}
