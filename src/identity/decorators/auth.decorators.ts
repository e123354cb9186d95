import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { EventRole as EventRoleName } from '../event-member.entity.js';
import type { AuthUser } from '../auth-user.js';
import { AdminGuard } from '../guards/admin.guard.js';
import { EVENT_ROLE_KEY, EventRoleGuard } from '../guards/event-role.guard.js';
import { StaffGuard } from '../guards/staff.guard.js';
import type { AuthenticatedRequest } from '../request-context.js';

/** Any logged-in staff user. */
export const Staff = () => applyDecorators(UseGuards(StaffGuard), ApiBearerAuth('staff'));

/** Staff with an administrator flag. */
export const Admin = () => applyDecorators(UseGuards(StaffGuard, AdminGuard), ApiBearerAuth('staff'));

/** Staff with this role (or organiser, or admin) on the route's :eventId. */
export const EventRole = (role: EventRoleName) =>
  applyDecorators(SetMetadata(EVENT_ROLE_KEY, role), UseGuards(StaffGuard, EventRoleGuard), ApiBearerAuth('staff'));

/** The staff user set by StaffGuard; only on routes that use it. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without StaffGuard');
  return user;
});
