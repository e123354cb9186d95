import { QueryFailedError } from 'typeorm';
import { redactUrl, serializeError } from './logging.js';

describe('logging', () => {
  it('keeps a database error’s statement and code but not its parameters or detail line', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_x"'), {
      code: '23505',
      constraint: 'uq_x',
      detail: 'Key (event_id, email)=(e1, someone@example.org) already exists.',
    });
    const error = new QueryFailedError(
      'INSERT INTO registrations …',
      ['someone@example.org', 'token-hash'],
      driverError,
    );

    const serialized = serializeError(error) as Record<string, unknown>;

    expect(serialized).toMatchObject({ code: '23505', constraint: 'uq_x', query: 'INSERT INTO registrations …' });
    expect(JSON.stringify(serialized)).not.toMatch(/someone@example\.org|token-hash/);
  });

  it('leaves what is not an Error alone', () => {
    expect(serializeError('plain')).toBe('plain');
  });

  it('redacts the personal-link token in the path of the personal pages', () => {
    expect(redactUrl('/r/abcDEF123_-xyz')).toBe('/r/[redacted]');
    expect(redactUrl('/r/abcDEF123_-xyz/workshops/1/join?x=1')).toBe('/r/[redacted]/workshops/1/join?x=1');
    expect(redactUrl('/events/r/abc')).toBe('/events/r/abc');
  });

  it('redacts tokens and join codes in query strings', () => {
    expect(redactUrl('/r?token=abc&x=1&code=ZX3K9P')).toBe('/r?token=[redacted]&x=1&code=[redacted]');
  });
});
