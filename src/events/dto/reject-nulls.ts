import { eventsError, EventsError } from '../events.errors.js';

/**
 * PATCH bodies take null to clear optional fields, but class-validator's IsOptional also
 * lets null through for fields that cannot be empty; this refuses those with a 400.
 */
export function rejectNulls<T extends object>(input: T, fields: ReadonlyArray<keyof T & string>): void {
  const nulls = fields.filter((field) => input[field] === null);
  if (nulls.length > 0) {
    throw eventsError(
      EventsError.InvalidInput,
      `${nulls.join(', ')} cannot be null; leave ${nulls.length === 1 ? 'it' : 'them'} out to keep the current value.`,
    );
  }
}
