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

/** A short description to keep on the row: no message bodies, no recipients. */
export function describeSendFailure(error: unknown): string {
  const { responseCode, code } = (error ?? {}) as SmtpErrorLike;
  const message = error instanceof Error ? error.message : String(error);
  const prefix = responseCode ? `SMTP ${responseCode}` : (code ?? 'Error');
  return `${prefix}: ${message}`.replace(/[\r\n]+/g, ' ').slice(0, 500);
}

/** Exponential backoff with a little jitter, capped at an hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(3_600_000, Math.round(exponential * (0.9 + Math.random() * 0.2)));
}
