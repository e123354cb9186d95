/**
 * What kind of failure a domain error is. The HTTP status is decided from the kind in
 * one place (AllExceptionsFilter), so domain code never speaks HTTP.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'locked'
  | 'too_many_requests';

export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Builds a module's error factory from a table that must name a kind for every code:
 * a new code without a kind does not compile.
 */
export function defineErrors<Code extends string>(kinds: Record<Code, ErrorKind>) {
  return (code: Code, message: string): DomainError<Code> => new DomainError(code, kinds[code], message);
}
