import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfigFromEnvironment } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI (npm run migration:*); the app builds its own from the validated config. */
export default new DataSource(dataSourceOptions(loadConfigFromEnvironment()));
