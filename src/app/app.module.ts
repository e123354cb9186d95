import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiModule } from './api.module.js';
import { Clock } from '../platform/clock/clock.js';
import { AllExceptionsFilter } from '../platform/http/all-exceptions.filter.js';
import { HttpLimitsModule } from '../platform/http/http-limits.module.js';
import { RateLimitGuard } from '../platform/http/rate-limit.js';
import { AppConfig } from '../platform/config/app-config.js';
import { ConfigModule } from '../platform/config/config.module.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';
import { ExportPool } from '../platform/database/export-pool.js';
import { ENTITIES } from './entities.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { RedisModule } from '../platform/redis/redis.module.js';
import { WebModule } from '../platform/web/web.module.js';
import { WorkerModule } from './worker.module.js';

@Module({ providers: [Clock], exports: [Clock] })
class ClockModule {}

/**
 * The whole application for one process role: `api` serves HTTP, `worker` runs the
 * queue processors and pollers, `all` both (a single machine).
 */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    // Controllers are inert in a worker (no HTTP server); processors load only in workers.
    const roleModules: NonNullable<ModuleMetadata['imports']> = [ApiModule];
    if (config.processRole !== 'api') roleModules.push(WorkerModule);

    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config, ENTITIES),
          extra: {
            max: config.databasePoolSize,
            statement_timeout: config.databaseStatementTimeoutMs,
            idle_in_transaction_session_timeout: config.databaseIdleInTransactionTimeoutMs,
          },
        }),
        BullModule.forRoot({ url: config.redisUrl, prefix: config.queuePrefix }),
        RedisModule,
        HttpLimitsModule,
        ClockModule,
        MailModule,
        WebModule,
        ...roleModules,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Every route gets the per-IP backstop; some add a limit keyed on who is acting.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        ExportPool,
      ],
      exports: [ClockModule, ExportPool],
    };
  }
}
