import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { EventRole as EventRoleName } from '../../events/event-member.entity.js';
import type { Registration } from '../../registrations/registration.entity.js';
import type { AuthUser } from '../auth-user.js';
import { AdminGuard } from '../guards/admin.guard.js';
import { DelegateTokenGuard } from '../guards/delegate-token.guard.js';
import { DelegateGuard } from '../guards/delegate.guard.js';
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

/** The bearer of a registration's personal-link token. */
export const Delegate = () => applyDecorators(UseGuards(DelegateGuard), ApiBearerAuth('delegate'));

/**
 * The bearer of a well-formed personal-link token, not yet looked up: for a route whose
 * statement checks the token itself and resolves it only to explain a refusal.
 */
export const DelegateToken = () => applyDecorators(UseGuards(DelegateTokenGuard), ApiBearerAuth('delegate'));

/** The staff user set by StaffGuard; only on routes that use it. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without StaffGuard');
  return user;
});

/** The delegate set by DelegateGuard; only on routes that use it. */
export const CurrentDelegate = createParamDecorator((_: unknown, context: ExecutionContext): Registration => {
  const delegate = context.switchToHttp().getRequest<AuthenticatedRequest>().delegate;
  if (!delegate) throw new Error('CurrentDelegate used on a route without DelegateGuard');
  return delegate;
});

/** The token hash set by DelegateTokenGuard; only on routes that use it. */
export const CurrentDelegateTokenHash = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const hash = context.switchToHttp().getRequest<AuthenticatedRequest>().delegateTokenHash;
  if (!hash) throw new Error('CurrentDelegateTokenHash used on a route without DelegateTokenGuard');
  return hash;
});
