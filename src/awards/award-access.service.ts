import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../identity/auth-user.js';
import { EventAccessService } from '../identity/event-access.service.js';
import { StaffAuthenticator } from '../identity/staff-authenticator.js';
import { notFound } from '../platform/errors/common.errors.js';
import type { Event } from '../events/event.entity.js';
import { isPublic } from '../events/event-visibility.js';
import { EventsRepository } from '../events/events.repository.js';
import type { Award } from './award.entity.js';
import { AwardRecordsRepository } from './award-records.repository.js';

/**
 * Who is looking at an award. Award routes are keyed by :awardId, so the event role is
 * checked after loading the award; public routes accept an optional staff token.
 */
@Injectable()
export class AwardAccessService {
  constructor(
    private readonly awards: AwardRecordsRepository,
    private readonly events: EventsRepository,
    private readonly access: EventAccessService,
    private readonly staffAuth: StaffAuthenticator,
  ) {}

  async award(awardId: string): Promise<Award> {
    const award = await this.awards.find(awardId);
    if (!award) throw notFound('The award');
    return award;
  }

  async event(eventId: string): Promise<Event> {
    const event = await this.events.findById(eventId);
    if (!event) throw notFound('The event');
    return event;
  }

  /** Loads the award and checks that the user organises its event. */
  async awardForOrganiser(user: AuthUser, awardId: string): Promise<Award> {
    const award = await this.award(awardId);
    await this.access.requireRole(user, award.eventId, 'organiser');
    return award;
  }

  /** The staff user behind an optional bearer token; delegate tokens and bad tokens give undefined. */
  optionalStaff(request: FastifyRequest): Promise<AuthUser | undefined> {
    return this.staffAuth.fromBearer(request);
  }

  async isOrganiser(user: AuthUser | undefined, eventId: string): Promise<boolean> {
    return user ? this.access.hasRole(user, eventId, 'organiser') : false;
  }

  /** The public sees the awards of a public event; the event's staff see them always. */
  async requireVisible(user: AuthUser | undefined, eventId: string): Promise<Event> {
    const event = await this.event(eventId);
    if (isPublic(event)) return event;
    if (user && (await this.access.hasRole(user, eventId, 'facilitator'))) return event;
    throw notFound('The award');
  }
}
