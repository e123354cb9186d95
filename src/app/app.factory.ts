import fastifyCookie from '@fastify/cookie';
import { registerCompression } from '../platform/http/compression.js';
import type { DynamicModule, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { finishOpenApiDocument } from '../platform/http/openapi-document.js';
import { FORMER_JOIN_PATHS } from '../canvas/canvases.controller.js';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { mountQueueBoard } from './queue-board.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { createRootLogger, type LogOutput, logRequests, PinoNestLogger } from '../platform/logging/logging.js';
import { apiValidationPipe } from '../platform/http/validation.js';
import { registerBodyParsers } from '../platform/http/body-parsers.js';
import { noStoreForCredentials } from '../platform/http/no-store.js';
import { parseTrustProxy, trustProxyOption } from '../platform/http/trust-proxy.js';
import { registerCsrf } from '../platform/web/csrf.js';
import { StaffAuthenticator } from '../identity/staff-authenticator.js';

/** Makes the Nest application from the root module; the e2e tests pass one that swaps providers. */
export type NestAppMaker = (
  root: DynamicModule,
  adapter: FastifyAdapter,
  options: NestApplicationOptions,
) => Promise<NestFastifyApplication>;

const makeNestApp: NestAppMaker = (root, adapter, options) =>
  NestFactory.create<NestFastifyApplication>(root, adapter, options);

/** Builds the HTTP application (used by main.ts and by the e2e tests). */
export async function createHttpApp(
  config: AppConfig,
  make: NestAppMaker = makeNestApp,
  logOutput?: LogOutput,
): Promise<NestFastifyApplication> {
  const rootLogger = createRootLogger(config, logOutput);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    // Nobody's X-Forwarded-For is believed unless TRUST_PROXY names the proxies in front.
    trustProxy: trustProxyOption(parseTrustProxy(config.trustProxy) ?? false),
    routerOptions: { maxParamLength: 200 },
  });
  const app = await make(AppModule.register(config), adapter, {
    logger: new PinoNestLogger(rootLogger),
    // Throw start-up errors to the caller (main.ts prints them and exits) instead of exiting here.
    abortOnError: false,
    // Ours are registered below: depth and size limits before parsing, forms for pages only.
    bodyParser: false,
  });
  app.enableShutdownHooks();
  const staffAuth = app.get(StaffAuthenticator);
  registerBodyParsers(app.getHttpAdapter().getInstance(), {
    bodyLimit: config.bodyLimitBytes,
    publicBodyLimit: config.publicBodyLimitBytes,
    mayExceedPublicLimit: async (request) => {
      return (await staffAuth.fromBearer(request)) !== undefined;
    },
  });

  // helmet's middleware is built once and run on the raw response, so streamed replies get the
  // headers too; @fastify/helmet rebuilt it on every request (2% of a ballot's CPU here).
  // Over plain HTTP (a facilitator's laptop that phones reach by its LAN name) an upgrade to
  // https would break every script and form, and browsers ignore HSTS and the opener policy
  // (with a console error), so those are sent only when the app is https.
  const https = new URL(config.appUrl).protocol === 'https:';
  const securityHeaders = helmet({
    strictTransportSecurity: https,
    crossOriginOpenerPolicy: https,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: https ? [] : null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Pages take their styles from /assets/site.css only: no inline style anywhere.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)),
    );
  logRequests(app.getHttpAdapter().getInstance(), rootLogger);
  noStoreForCredentials(app.getHttpAdapter().getInstance());
  await app.register(fastifyCookie);
  await registerCompression(app);
  await registerCsrf(app, config);
  mountQueueBoard(app);

  app.useGlobalPipes(apiValidationPipe());

  const openApi = new DocumentBuilder()
    .setTitle('Plenary')
    .setDescription('Event management for the annual meetings and workshops of professional networks')
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'staff')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'personal-link token' }, 'delegate')
    .build();
  SwaggerModule.setup(
    'docs',
    app,
    () => finishOpenApiDocument(SwaggerModule.createDocument(app, openApi), config.appUrl, [FORMER_JOIN_PATHS]),
    {
      jsonDocumentUrl: 'docs-json',
    },
  );
  return app;
}
