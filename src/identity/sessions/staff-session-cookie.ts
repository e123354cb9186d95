import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../platform/config/app-config.js';
import { SessionCookie } from '../../platform/http/session-cookie.js';

/** The session cookie's name over http and over https (where it is `__Host-` prefixed). */
export const STAFF_SESSION_COOKIE = { plain: 'plenary_staff', secure: '__Host-plenary_staff' } as const;

/** The actor kind of a staff session cookie, for the rate limits (StaffActor verifies it). */
export const STAFF_SESSION_ACTOR = 'staff-session';

/** The staff session cookie, kept by the browser for the session's absolute lifetime. */
@Injectable()
export class StaffSessionCookie extends SessionCookie {
  constructor(config: AppConfig) {
    super(config.appUrl, STAFF_SESSION_COOKIE, config.staffSessionMaxHours * 3600);
  }
}
