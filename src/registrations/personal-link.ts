/**
 * A delegate's personal link: <APP_URL>/r/<token>. The token is the delegate's bearer
 * secret; a client opening this address sends it as "Authorization: Bearer <token>" to
 * /api/registrations/me. It is sent only by email, to the registration's own address; it is
 * checked by its SHA-256, and kept sealed (SecretBox, 'personal-link') so later mail and
 * resend-link can carry the same link again.
 */
export const personalLink = (appUrl: string, token: string): string =>
  `${appUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(token)}`;
