import { Global, Module } from '@nestjs/common';
import { ActorVerifiers } from './actor-verifiers.js';
import { RateCounter } from './rate-counter.js';

/** Rate counters and the registry features add their credential checks to (see RateLimitGuard). */
@Global()
@Module({ providers: [RateCounter, ActorVerifiers], exports: [RateCounter, ActorVerifiers] })
export class HttpLimitsModule {}
