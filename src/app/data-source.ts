import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigFromEnvironment } from '../platform/config/app-config.js';
import { dataSourceOptions } from '../platform/database/data-source-options.js';
import { ENTITIES } from './entities.js';

/** For the TypeORM CLI (npm run migration:*); the app builds its own from the validated config. */
export default new DataSource(dataSourceOptions(loadConfigFromEnvironment(), ENTITIES));
