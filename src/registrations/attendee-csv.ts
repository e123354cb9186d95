import type { AttendeeRow } from './attendees.repository.js';

/** Columns of the CSV export, in order. */
export const ATTENDEE_CSV_COLUMNS: Array<{ key: keyof AttendeeRow; header: string }> = [
  { key: 'id', header: 'id' },
  { key: 'name', header: 'name' },
  { key: 'email', header: 'email' },
  { key: 'organisation', header: 'organisation' },
  { key: 'jobTitle', header: 'job title' },
  { key: 'status', header: 'status' },
  { key: 'waitlistPosition', header: 'waiting list position' },
  { key: 'waitlistReason', header: 'waiting list reason' },
  { key: 'accessNeeds', header: 'access needs' },
  { key: 'dietaryNeeds', header: 'dietary needs' },
  { key: 'checkedInAt', header: 'checked in at' },
  { key: 'cancelledAt', header: 'cancelled at' },
  { key: 'createdAt', header: 'registered at' },
];

/** A spreadsheet would run a cell that starts like a formula; a leading apostrophe keeps it text. */
export const spreadsheetSafe = (value: string | number | Date | null): string => {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};
