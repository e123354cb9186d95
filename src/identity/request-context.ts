import type { AuthUser } from './auth-user.js';

/** What the staff guards attach to a request. */
export interface AuthenticatedRequest {
  user?: AuthUser;
}
