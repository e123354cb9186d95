import { DynamicModule, Global, Module } from '@nestjs/common';
import { KeyRing } from '../crypto/key-ring.js';
import { AppConfig } from './app-config.js';

/** The configuration and the keys derived from its master secret, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: KeyRing, useValue: new KeyRing(config) },
      ],
      exports: [AppConfig, KeyRing],
    };
  }
}
