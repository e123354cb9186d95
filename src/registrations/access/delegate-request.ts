import type { Registration } from '../registration.entity.js';

/** What the delegate guards attach to a request. */
export interface DelegateRequest {
  delegate?: Registration;
  /** A well-formed personal-link token's SHA-256, not yet looked up (DelegateTokenGuard). */
  delegateTokenHash?: string;
}
