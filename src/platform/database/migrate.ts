import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** Any fixed number: processes starting together take turns to migrate. */
const MIGRATION_LOCK = 7_204_311;

/** Runs pending migrations under an advisory lock; returns the names of those applied. */
export async function runMigrations(config: Pick<AppConfig, 'databaseUrl'>): Promise<string[]> {
  const db = new DataSource({ ...dataSourceOptions(config), extra: { max: 1 } });
  await db.initialize();
  try {
    await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await db.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await db.destroy();
  }
}
