/** How a failed send should end: try again later, or give up now with the error kept. */
export type FailureVerdict = 'retry' | 'permanent';

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKET',
  'EPIPE',
  'EDNS',
]);

interface SmtpErrorLike {
  responseCode?: number;
  code?: string;
}

/** SMTP 4xx and dropped connections are temporary; 5xx is the server's final word. */
export function classifySendFailure(error: unknown): FailureVerdict {
  const { responseCode, code } = (error ?? {}) as SmtpErrorLike;
  if (typeof responseCode === 'number') return responseCode >= 500 ? 'permanent' : 'retry';
  if (code && CONNECTION_CODES.has(code)) return 'retry';
  return 'retry';
}

/** Anything shaped like a mail address (relays quote the recipient: "550 5.1.1 <bob@…>: unknown"). */
const ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;

/** Text with every mail address replaced, for rows and logs that must not hold personal data. */
export const withoutAddresses = (text: string): string => text.replace(ADDRESS, '<address>');

/**
 * A short description to keep on the row and in the log: the code and the relay's words, with
 * no message body and no address (the row outlives the person's erasure; the log cannot be erased).
 */
export function describeSendFailure(error: unknown): string {
  const { responseCode, code } = (error ?? {}) as SmtpErrorLike;
  const message = error instanceof Error ? error.message : String(error);
  const prefix = responseCode ? `SMTP ${responseCode}` : (code ?? 'Error');
  return withoutAddresses(`${prefix}: ${message}`.replace(/[\r\n]+/g, ' ')).slice(0, 500);
}

/**
 * What the log says of a failed send: the reply code and the enhanced status ("SMTP 550 5.1.1"),
 * never the relay's words, which may quote the recipient's name as well as their address. The
 * row keeps the words (without addresses) for the organisers until the person is erased; the log
 * cannot be erased, so it keeps nothing of theirs.
 */
export function sendFailureCode(error: unknown): string {
  const { responseCode, code } = (error ?? {}) as SmtpErrorLike;
  const message = error instanceof Error ? error.message : String(error);
  const enhanced = /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(message)?.[0];
  const base = responseCode ? `SMTP ${responseCode}` : (code ?? (error instanceof Error ? error.name : 'Error'));
  return enhanced ? `${base} ${enhanced}` : base;
}

/** Where an error was thrown, without its message (which may quote a recipient): the stack's frames. */
export function stackFrames(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  return error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/** Exponential backoff with a little jitter, capped at an hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(3_600_000, Math.round(exponential * (0.9 + Math.random() * 0.2)));
}
