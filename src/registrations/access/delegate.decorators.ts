import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Registration } from '../registration.entity.js';
import type { DelegateRequest } from './delegate-request.js';
import { DelegateTokenGuard } from './delegate-token.guard.js';
import { DelegateGuard } from './delegate.guard.js';

/** The bearer of a registration's personal-link token. */
export const Delegate = () => applyDecorators(UseGuards(DelegateGuard), ApiBearerAuth('delegate'));

/**
 * The bearer of a well-formed personal-link token, not yet looked up: for a route whose
 * statement checks the token itself and resolves it only to explain a refusal.
 */
export const DelegateToken = () => applyDecorators(UseGuards(DelegateTokenGuard), ApiBearerAuth('delegate'));

/** The delegate set by DelegateGuard; only on routes that use it. */
export const CurrentDelegate = createParamDecorator((_: unknown, context: ExecutionContext): Registration => {
  const delegate = context.switchToHttp().getRequest<DelegateRequest>().delegate;
  if (!delegate) throw new Error('CurrentDelegate used on a route without DelegateGuard');
  return delegate;
});

/** The token hash set by DelegateTokenGuard; only on routes that use it. */
export const CurrentDelegateTokenHash = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const hash = context.switchToHttp().getRequest<DelegateRequest>().delegateTokenHash;
  if (!hash) throw new Error('CurrentDelegateTokenHash used on a route without DelegateTokenGuard');
  return hash;
});
