import type { Registration } from '../registrations/registration.entity.js';
import type { AuthUser } from './auth-user.js';

/** What the guards attach to a request. */
export interface AuthenticatedRequest {
  user?: AuthUser;
  delegate?: Registration;
  /** A well-formed personal-link token's SHA-256, not yet looked up (DelegateTokenGuard). */
  delegateTokenHash?: string;
}
