import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createRootLogger, PinoNestLogger, redactUrl, serializeError } from './logging.js';

/** A log destination that keeps what is written to it. */
function memory(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

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

  it('leaves Nest’s module and route chatter to debug, keeping what a person needs at info', () => {
    const out = memory();
    const logger = new PinoNestLogger(
      createRootLogger({ logLevel: 'info' }, { pretty: false, destination: out.stream }),
    );
    logger.log('Mapped {/api/events, GET} route', 'RouterExplorer');
    logger.log('EventsController {/api/events}:', 'RoutesResolver');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('Plenary is serving http://localhost:3000', 'Plenary');
    const messages = out.lines().map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(['Plenary is serving http://localhost:3000']);
  });

  it('writes readable lines instead of JSON when asked (as on a terminal)', () => {
    const out = memory();
    new PinoNestLogger(createRootLogger({ logLevel: 'info' }, { pretty: true, destination: out.stream })).log(
      'Plenary is serving http://localhost:3000',
      'Plenary',
    );
    const [line] = out.lines();
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: \[Plenary\] Plenary is serving http:\/\/localhost:3000$/);
    expect(() => JSON.parse(line) as unknown).toThrow();
  });
});
