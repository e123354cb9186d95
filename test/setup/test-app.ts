import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createHttpApp, type NestAppMaker } from '../../src/app/app.factory.js';
import { type AppConfig, type AppConfigOverrides, loadConfig } from '../../src/platform/config/app-config.js';
import type { LogOutput } from '../../src/platform/logging/logging.js';
import { runMigrations } from '../../src/platform/database/migrate.js';
import { SmtpCapture } from './smtp-capture.js';
import { readTestEnvironment, withDatabase } from './test-env.js';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: TestAgent;
  mail: SmtpCapture;
  db: DataSource;
  redis: Redis;
  /** Admin JWT, from the configured first administrator. */
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

const TEMPLATE_LOCK = 7_204_312;

/**
 * A database cloned from the migrated template, for one test file. The first file to
 * arrive migrates the template; the lock makes the others wait for it.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const env = readTestEnvironment();
  const name = `plenary_t_${env.runId}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: env.databaseUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    await runMigrations({ databaseUrl: withDatabase(env.databaseUrl, env.templateDatabase) });
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${env.templateDatabase}`);
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(env.databaseUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: env.databaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Deletes a test file's Redis keys (its own prefix). */
async function dropRedisPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

/** A provider replaced by another class in the testing module (a control run without a guard). */
export interface ProviderSwap {
  provide: Type;
  useClass: Type;
}

/** Builds the application through Nest's testing module, with the given providers swapped. */
const withSwaps =
  (swaps: ProviderSwap[]): NestAppMaker =>
  async (root, adapter, options) => {
    let builder = Test.createTestingModule({ imports: [root] });
    for (const swap of swaps) builder = builder.overrideProvider(swap.provide).useClass(swap.useClass);
    const moduleRef = await builder.compile();
    return moduleRef.createNestApplication<NestFastifyApplication>(adapter, options);
  };

/**
 * Boots the real application against its own PostgreSQL database, its own Bull prefix
 * and an SMTP server in this process. The worker role runs in-process too.
 */
export async function createTestApp(
  overrides: AppConfigOverrides = {},
  options: { swap?: ProviderSwap[]; logOutput?: LogOutput } = {},
): Promise<TestApp> {
  const env = readTestEnvironment();
  const database = await createTestDatabase();
  const mail = new SmtpCapture();
  await mail.start();
  const queuePrefix = `t${randomBytes(5).toString('hex')}`;
  const config = loadConfig(
    {},
    {
      databaseUrl: database.url,
      redisUrl: env.redisUrl,
      smtpUrl: mail.url,
      queuePrefix,
      logLevel: 'error',
      outboxPollMs: 100,
      outboxBackoffMs: 200,
      // Long enough that a burst of mail with QR images is not mistaken for a dead worker (the fault test sets its own).
      outboxStaleMs: 30_000,
      appUrl: 'http://plenary.test',
      ...overrides,
    },
  );
  const app = await createHttpApp(config, options.swap ? withSwaps(options.swap) : undefined, options.logOutput);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const redis = new Redis(env.redisUrl);
  const db = app.get(DataSource);
  const http = request(app.getHttpServer());
  let adminToken: string | undefined;

  return {
    app,
    config,
    http,
    mail,
    db,
    redis,
    async adminToken() {
      if (!adminToken) {
        const response = await request(app.getHttpServer())
          .post('/api/auth/login')
          .send({ email: config.adminEmail, password: config.adminPassword })
          .expect(200);
        adminToken = (response.body as { accessToken: string }).accessToken;
      }
      return adminToken;
    },
    async close() {
      await app.close();
      await mail.stop();
      await dropRedisPrefix(redis, queuePrefix);
      await redis.quit();
      await database.drop();
    },
  };
}
