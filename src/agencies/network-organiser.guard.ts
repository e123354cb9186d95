import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { EventMembersRepository } from '../identity/event-members.repository.js';
import { StaffGuard } from '../identity/guards/staff.guard.js';
import type { AuthenticatedRequest } from '../identity/request-context.js';

/**
 * Runs after StaffGuard. The agencies belong to the network, not to one event: whoever
 * organises any event (or an administrator) keeps the list.
 */
@Injectable()
export class NetworkOrganiserGuard implements CanActivate {
  constructor(private readonly members: EventMembersRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (user?.isAdmin || (user && (await this.members.organisesAnyEvent(user.id)))) return true;
    throw new ForbiddenException('Only an organiser may change the network’s agencies.');
  }
}

/** Staff who organise an event, and administrators. */
export const NetworkOrganiser = () =>
  applyDecorators(UseGuards(StaffGuard, NetworkOrganiserGuard), ApiBearerAuth('staff'));
