import { Injectable, NotFoundException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ActingOfficer } from '../registrations/colleague-registrations.service.js';
import { LinkOfficerSessions } from './link-officer-sessions.js';
import type { OfficerAgency } from './link-officers.repository.js';
import { LinkOfficersService } from './link-officers.service.js';

/** A signed-in link officer acting for one of their agencies. */
export interface ActingFor {
  agency: OfficerAgency;
  officer: ActingOfficer;
}

/**
 * Who a link officer's page is for, the same on every page that acts for an agency (their own,
 * nominations, the report): nobody signed in is sent to sign in by the caller; another agency's
 * address is not there for this link officer (404), nor is an event that is not published.
 */
@Injectable()
export class LinkOfficerAccess {
  constructor(
    private readonly sessions: LinkOfficerSessions,
    private readonly officers: LinkOfficersService,
  ) {}

  /** The link officer acting for this agency; undefined when nobody is signed in. */
  async acting(request: FastifyRequest, agencyId: string): Promise<ActingFor | undefined> {
    const email = await this.sessions.resolve(request);
    if (!email) return undefined;
    const agency = await this.officers.agencyOf(email, agencyId);
    if (!agency) throw new NotFoundException();
    return { agency, officer: { linkOfficerId: agency.officerId, agencyId: agency.id, agencyName: agency.name } };
  }

  /** A published event as the agency's pages show it. */
  async event(eventId: string): Promise<NonNullable<Awaited<ReturnType<LinkOfficersService['event']>>>> {
    const event = await this.officers.event(eventId);
    if (!event) throw new NotFoundException();
    return event;
  }
}
