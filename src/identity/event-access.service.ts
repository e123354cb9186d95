import { Injectable } from '@nestjs/common';
import { commonError, CommonError, notFound } from '../platform/errors/common.errors.js';
import type { EventRole } from './event-member.entity.js';
import { EventMembersRepository } from './event-members.repository.js';
import type { AuthUser } from './auth-user.js';

/**
 * Per-event rights. An organiser may do everything a facilitator may; an admin may do
 * everything. Other modules call this for routes keyed by something other than :eventId
 * (a canvas, an award) after resolving that thing's event.
 */
@Injectable()
export class EventAccessService {
  constructor(private readonly members: EventMembersRepository) {}

  roleOf(userId: string, eventId: string): Promise<EventRole | undefined> {
    return this.members.roleOf(userId, eventId);
  }

  async hasRole(user: AuthUser, eventId: string, needed: EventRole): Promise<boolean> {
    if (user.isAdmin) return true;
    const role = await this.roleOf(user.id, eventId);
    return role === 'organiser' || (role === 'facilitator' && needed === 'facilitator');
  }

  async requireRole(user: AuthUser | undefined, eventId: string, needed: EventRole): Promise<void> {
    if (!user) throw commonError(CommonError.Unauthorized, 'Log in first.');
    // An admin passes every role check, so check here that the event exists: otherwise a
    // missing event read as an empty one (200 []) or failed on a foreign key (409).
    if (user.isAdmin) {
      if (!(await this.members.eventExists(eventId))) throw notFound('The event');
      return;
    }
    if (!(await this.hasRole(user, eventId, needed))) {
      throw commonError(CommonError.Forbidden, `Only the event's ${needed}s may do this.`);
    }
  }
}
