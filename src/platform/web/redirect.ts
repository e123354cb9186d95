/**
 * Thrown by a guard when a person's browser should go elsewhere first (a staff page without a
 * session goes to the sign-in page); the page filter answers it with a 303.
 */
export class RedirectError extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
    this.name = 'RedirectError';
  }
}
