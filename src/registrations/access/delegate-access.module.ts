import { Module } from '@nestjs/common';
import { DelegateActor } from './delegate-actor.js';
import { DelegateResolver } from './delegate-resolver.js';
import { DelegateTokenGuard } from './delegate-token.guard.js';
import { DelegateGuard } from './delegate.guard.js';
import { PersonalLinksRepository } from './personal-links.repository.js';
import { AuthModule } from '../../identity/auth.module.js';

/** Who holds a personal link: the resolver and the guards that routes acting as a delegate use. */
@Module({
  imports: [AuthModule],
  providers: [PersonalLinksRepository, DelegateResolver, DelegateActor, DelegateGuard, DelegateTokenGuard],
  exports: [DelegateResolver, DelegateGuard, DelegateTokenGuard],
})
export class DelegateAccessModule {}
