import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { AppConfig } from '../platform/config/app-config.js';
import { createRootLogger, PinoNestLogger } from '../platform/logging/logging.js';
import { randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS, type DemoAccounts } from '../seed/demo-content.js';
import { withAdvisoryLock } from '../platform/database/advisory-lock.repository.js';
import { DemoRepository } from '../seed/demo.repository.js';
import { type DemoSummary, seedDemo } from '../seed/demo-seeder.js';

/** Any fixed number: processes starting together take turns to look at the database. */
const SEED_LOCK = 7_204_313;

export type SeedOutcome = { seeded: true; summary: DemoSummary } | { seeded: false; reason: string };

/**
 * Seeds the demo if the database is empty (no events, no staff besides the administrator),
 * under an advisory lock so two processes starting together do not both seed. Runs in an
 * application context of its own without the worker role, so no email goes out while the
 * demo's welcome emails are being set aside (see seedDemo).
 */
export async function seedDemoIfEmpty(config: AppConfig): Promise<SeedOutcome> {
  const context = await NestFactory.createApplicationContext(AppModule.register({ ...config, processRole: 'api' }), {
    logger: new PinoNestLogger(createRootLogger({ logLevel: config.logLevel === 'silent' ? 'silent' : 'warn' })),
    abortOnError: false,
  });
  try {
    const db = context.get(DataSource, { strict: false });
    return await withAdvisoryLock(db, SEED_LOCK, async (): Promise<SeedOutcome> => {
      const reason = await new DemoRepository(db).refusal(config.adminEmail);
      if (reason) return { seeded: false, reason };
      return { seeded: true, summary: await seedDemo(context, new Date(), demoAccountsFor(config)) };
    });
  } finally {
    await context.close();
  }
}

/** The fixed demo passwords on a developer's machine; in production random ones nobody knows. */
function demoAccountsFor(config: Pick<AppConfig, 'nodeEnv'>): DemoAccounts {
  if (config.nodeEnv !== 'production') return DEMO_ACCOUNTS;
  const random = () => randomBytes(24).toString('base64url');
  return {
    organiser: { ...DEMO_ACCOUNTS.organiser, password: random() },
    facilitator: { ...DEMO_ACCOUNTS.facilitator, password: random() },
  };
}

/**
 * The demo staff logins, for the terminal only (never the log), and only in development:
 * in production the demo staff's passwords are random and shown to nobody.
 */
export function demoLoginLines(config: Pick<AppConfig, 'nodeEnv'>): string[] {
  if (config.nodeEnv === 'production') return [];
  return [
    `Demo organiser login: ${DEMO_ACCOUNTS.organiser.email} / ${DEMO_ACCOUNTS.organiser.password}`,
    `Demo facilitator login: ${DEMO_ACCOUNTS.facilitator.email} / ${DEMO_ACCOUNTS.facilitator.password}`,
  ];
}

/** The lines the start-up log and the seed command print: no password, no token. */
export function describeSeed(summary: DemoSummary, appUrl: string): string[] {
  const base = appUrl.replace(/\/$/, '');
  const r = summary.registrations;
  return [
    `Seeded the demo data in ${(summary.millis / 1000).toFixed(1)} s.`,
    `Annual meeting: "${summary.meeting.title}" — ${base}/events/${summary.meeting.slug} ` +
      `(${r.confirmed} confirmed, ${r.waitlisted} on the waiting list, ${r.cancelled} cancelled; ` +
      `${summary.workshopSignups.confirmed} workshop places taken, ${summary.workshopSignups.waitlisted} waiting; ` +
      `${summary.awards} awards with ${summary.nominees} nominees)`,
    `One-day workshop: "${summary.workshop.title}" — ${base}/events/${summary.workshop.slug}; ` +
      `its canvas (${summary.canvas.notes} notes): ${base}/canvases/${summary.canvas.joinCode} (phone), ` +
      `${base}/canvases/${summary.canvas.joinCode}/wall (wall)`,
    `The demo registrations' ${summary.welcomeEmailsCancelled} welcome emails were not sent (cancelled in the outbox); ` +
      'their reminders go out when due.',
  ];
}

/** At start-up (SEED_DEMO=true): seed an empty database and say so, or say why not. A failure does not stop the server. */
export async function seedDemoOnStart(config: AppConfig): Promise<void> {
  // Its own logger: the seeding context replaces Nest's global one with a quieter logger.
  const logger: LoggerService = new PinoNestLogger(createRootLogger(config));
  try {
    const outcome = await seedDemoIfEmpty(config);
    if (!outcome.seeded) {
      logger.log(
        `Demo data not seeded: ${outcome.reason}. To replace everything with the demo: npm run seed -- --reset`,
        'Seed',
      );
      // On the terminal, outside the log, and only in development (see demoLoginLines).
      const logins = demoLoginLines(config);
      if (logins.length > 0)
        process.stdout.write(`If this database holds the demo from an earlier start:\n${logins.join('\n')}\n`);
      return;
    }
    for (const line of describeSeed(outcome.summary, config.appUrl)) logger.log(line, 'Seed');
    // Once, on the terminal, outside the log.
    for (const line of demoLoginLines(config)) process.stdout.write(`${line}\n`);
  } catch (error) {
    logger.error(
      {
        msg: 'Seeding the demo data failed; the server starts anyway. Rebuild it with: npm run seed -- --reset',
        err: error,
      },
      undefined,
      'Seed',
    );
  }
}
