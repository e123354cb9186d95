import { toSingleLine } from '../http/single-line.js';

/**
 * Values that become mail headers (subject, recipient, attachment names) lose CR/LF and
 * control characters, so no user input can add a header line.
 */
export const headerSafe = (value: string): string => toSingleLine(value).slice(0, 998);
