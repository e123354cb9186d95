import { HttpStatus } from '@nestjs/common';

interface PgErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
}

export interface MappedPgError {
  status: HttpStatus;
  message: string;
}

/** Messages for named constraints; anything unnamed gets a generic sentence. */
const CONSTRAINT_MESSAGES = new Map<string, string>();

/** Modules register a readable sentence for their unique/foreign-key/check constraints. */
export function describeConstraint(constraint: string, message: string): void {
  CONSTRAINT_MESSAGES.set(constraint, message);
}

/**
 * Maps the PostgreSQL errors that bad input can cause to 4xx. The detail is never
 * echoed: it can contain other people's data (an email in a unique violation).
 */
export function mapPostgresError(error: PgErrorLike): MappedPgError | undefined {
  const known = error.constraint ? CONSTRAINT_MESSAGES.get(error.constraint) : undefined;
  switch (error.code) {
    case '23505':
      return { status: HttpStatus.CONFLICT, message: known ?? 'That already exists.' };
    case '23503':
      return {
        status: HttpStatus.CONFLICT,
        message: known ?? 'That refers to something that does not exist or is still in use.',
      };
    case '23514':
    case '23502':
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, message: known ?? 'That value breaks a rule of the data.' };
    case '22P02':
      return {
        status: HttpStatus.BAD_REQUEST,
        message: 'A value has the wrong format (for example an id that is not a UUID).',
      };
    case '22007':
    case '22008':
      return { status: HttpStatus.BAD_REQUEST, message: 'A date or time is not valid.' };
    case '22001':
      return { status: HttpStatus.BAD_REQUEST, message: 'A value is too long.' };
    case '22003':
      return { status: HttpStatus.BAD_REQUEST, message: 'A number is out of range.' };
    case '40001':
    case '40P01':
      return { status: HttpStatus.CONFLICT, message: 'Too many changes at once; please try again.' };
    default:
      return undefined;
  }
}
