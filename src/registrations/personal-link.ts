/**
 * A delegate's personal link: <APP_URL>/r/<token>. The token is the delegate's bearer
 * secret; a client opening this address sends it as "Authorization: Bearer <token>" to
 * /api/registrations/me. Only its SHA-256 is stored, so the link can be given out twice
 * only by issuing a new token (resend-link), which ends the old one.
 */
export const personalLink = (appUrl: string, token: string): string =>
  `${appUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(token)}`;
