import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';
import type { AuthUser } from '../identity/auth-user.js';
import { bearerToken } from '../identity/bearer.js';
import { EventAccessService } from '../identity/event-access.service.js';
import { StaffAuthenticator } from '../identity/staff-authenticator.js';
import { notFound } from '../platform/errors/common.errors.js';
import { Event } from '../events/event.entity.js';
import { Award } from './award.entity.js';

/**
 * Who is looking at an award. Award routes are keyed by :awardId, so the event role is
 * checked after loading the award; public routes accept an optional staff token.
 */
@Injectable()
export class AwardAccessService {
  constructor(
    @InjectRepository(Award) private readonly awards: Repository<Award>,
    @InjectRepository(Event) private readonly events: Repository<Event>,
    private readonly access: EventAccessService,
    private readonly staffAuth: StaffAuthenticator,
  ) {}

  async award(awardId: string): Promise<Award> {
    const award = await this.awards.findOne({ where: { id: awardId } });
    if (!award) throw notFound('The award');
    return award;
  }

  async event(eventId: string): Promise<Event> {
    const event = await this.events.findOne({ where: { id: eventId } });
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
  async optionalStaff(request: FastifyRequest): Promise<AuthUser | undefined> {
    const token = bearerToken(request);
    return token && token.split('.').length === 3 ? this.staffAuth.fromToken(token) : undefined;
  }

  async isOrganiser(user: AuthUser | undefined, eventId: string): Promise<boolean> {
    return user ? this.access.hasRole(user, eventId, 'organiser') : false;
  }

  /** The public sees awards of published events; the event's staff see them always. */
  async requireVisible(user: AuthUser | undefined, eventId: string): Promise<Event> {
    const event = await this.event(eventId);
    if (event.status === 'published') return event;
    if (user && (await this.access.hasRole(user, eventId, 'facilitator'))) return event;
    throw notFound('The award');
  }
}
