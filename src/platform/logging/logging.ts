import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { type DestinationStream, pino, type Logger } from 'pino';
import PinoPretty from 'pino-pretty';
import type { AppConfig } from '../config/app-config.js';

export interface LogOutput {
  /** Human-readable lines instead of JSON; by default when stdout is a terminal. */
  pretty?: boolean;
  /** Where the lines go; stdout by default. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs through pino (Fastify's own logger); on a terminal the same records
 * as readable lines. Headers that carry secrets are redacted, and request bodies are never logged.
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, output: LogOutput = {}): Logger {
  const pretty = output.pretty ?? process.stdout.isTTY === true;
  const destination = pretty
    ? PinoPretty({
        sync: true,
        colorize: output.destination === undefined,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,context',
        messageFormat: '{if context}[{context}] {end}{msg}',
        destination: output.destination ?? 1,
      })
    : output.destination;
  return pino(
    {
      level: config.logLevel,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        err: serializeError,
      },
    },
    destination,
  );
}

/**
 * Nest's own start-up chatter (every module initialised, every route mapped): useful when
 * debugging, noise at info level, where a person wants the few lines that say what to do.
 */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * One info line per answered request (method, redacted path, status, time). Fastify's own
 * request logging is not used: it writes two lines and would log the raw URL.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  if (!logger.isLevelEnabled('info')) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.info(
      { req: request, res: { statusCode: reply.statusCode }, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
    done();
  });
}

/**
 * A database error carries the statement's parameters and PostgreSQL's detail line (e.g.
 * "Key (event_id, email)=(…, someone@example.org) already exists"): emails, token hashes and
 * sealed tokens. The log keeps the statement, the error code and the constraint, not those.
 */
const PERSONAL_ERROR_FIELDS = ['parameters', 'detail', 'driverError', 'where'];

export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of PERSONAL_ERROR_FIELDS) delete serialized[field];
  return serialized;
}

/**
 * Personal-link tokens travel in the path of the personal pages (/r/<token>/…) and, like join
 * codes, may travel in query strings; keep them out of logs.
 */
export const redactUrl = (url: string): string =>
  url.replace(/^\/r\/[^/?#]+/, '/r/[redacted]').replace(/([?&](token|code)=)[^&]+/g, '$1[redacted]');

/** Nest's logger interface over pino, so framework and application logs share one format. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', message, context ?? stackOrContext);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string) {
    if (typeof message === 'object' && message !== null) {
      const { msg, ...fields } = message as Record<string, unknown> & { msg?: string };
      this.logger[level]({ context, ...fields }, msg);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
