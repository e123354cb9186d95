import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { EventRole } from '../event-member.entity.js';
import { EventAccessService } from '../event-access.service.js';
import type { AuthenticatedRequest } from '../request-context.js';

export const EVENT_ROLE_KEY = 'plenary:event-role';

/** Runs after StaffGuard; checks the user's role on the route's :eventId. */
@Injectable()
export class EventRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: EventAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<EventRole | undefined>(EVENT_ROLE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!needed) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const eventId = (request.params as Record<string, string | undefined>).eventId;
    if (!eventId || !isUUID(eventId)) throw new BadRequestException('eventId must be a UUID.');
    await this.access.requireRole(request.user, eventId, needed);
    return true;
  }
}
