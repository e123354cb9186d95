import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHttpApp } from './app.factory.js';
import { AppModule } from './app.module.js';
import {
  ConfigValidationError,
  loadConfigFromEnvironment,
  type AppConfigOverrides,
} from '../platform/config/app-config.js';
import { runMigrations } from '../platform/database/migrate.js';
import { createRootLogger, PinoNestLogger } from '../platform/logging/logging.js';
import { seedDemoOnStart } from './seed-demo.js';

/**
 * Starts this process in its role: the HTTP API (`api`), the queue worker (`worker`)
 * or both (`all`, the default for one machine). Migrations run first, under a lock.
 */
export async function bootstrap(overrides: AppConfigOverrides = {}): Promise<void> {
  const config = loadConfigFromEnvironment(overrides);
  Logger.overrideLogger(new PinoNestLogger(createRootLogger(config)));
  const logger = new Logger('Plenary');
  const applied = await runMigrations(config);
  if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);

  if (config.processRole === 'worker') {
    const worker = await NestFactory.createApplicationContext(AppModule.register(config), {
      logger: new PinoNestLogger(createRootLogger(config)),
    });
    worker.enableShutdownHooks();
    logger.log('Worker started');
    return;
  }
  // Before the HTTP app (and its worker) start: an empty database gets the demo meeting.
  if (config.seedDemo) {
    await seedDemoOnStart(config);
    Logger.overrideLogger(new PinoNestLogger(createRootLogger(config)));
  }
  const app = await createHttpApp(config);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.log(`Plenary is serving ${config.appUrl} (role: ${config.processRole}); API docs at ${config.appUrl}/docs`);
}

export function exitOnStartupFailure(error: unknown): never {
  console.error(error instanceof ConfigValidationError ? error.message : error);
  process.exit(1);
}
