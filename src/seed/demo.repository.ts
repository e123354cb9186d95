import type { DataSource } from 'typeorm';
import { Registration } from '../registrations/registration.entity.js';
import type { DemoSummary } from './demo-seeder.js';

/** The statements the demo seeder and the seed command need beside the feature services. */
export class DemoRepository {
  constructor(private readonly db: DataSource) {}

  /** Why the demo may not be seeded here, or undefined when the database is empty. */
  async refusal(adminEmail: string): Promise<string | undefined> {
    const [row] = await this.db.query<Array<{ events: number; users: number }>>(
      `SELECT (SELECT count(*) FROM events)::int AS events,
              (SELECT count(*) FROM users WHERE email <> $1)::int AS users`,
      [adminEmail.toLowerCase()],
    );
    if (!row || (row.events === 0 && row.users === 0)) return undefined;
    return `the database is not empty (${row.events} event(s), ${row.users} staff account(s) besides the administrator)`;
  }

  /** Empties every table the application owns, keeping the schema and the migrations table. */
  async deleteAllData(): Promise<void> {
    const tables = [...new Set(this.db.entityMetadatas.map((m) => `"${m.tableName}"`))];
    await this.db.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
  }

  registration(id: string): Promise<Registration> {
    return this.db.getRepository(Registration).findOneByOrFail({ id });
  }

  /** The event's confirmed delegates in the order they registered. */
  confirmed(eventId: string): Promise<Registration[]> {
    return this.db.getRepository(Registration).find({
      where: { eventId, status: 'confirmed' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async registrationCounts(eventId: string): Promise<DemoSummary['registrations']> {
    const of = await this.countByStatus(
      `SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status`,
      eventId,
    );
    return { confirmed: of('confirmed'), waitlisted: of('waitlisted'), cancelled: of('cancelled') };
  }

  async signupCounts(eventId: string): Promise<DemoSummary['workshopSignups']> {
    const of = await this.countByStatus(
      `SELECT u.status, count(*)::int AS n FROM session_signups u JOIN sessions s ON s.id = u.session_id
        WHERE s.event_id = $1 GROUP BY u.status`,
      eventId,
    );
    return { confirmed: of('confirmed'), waitlisted: of('waitlisted') };
  }

  private async countByStatus(sql: string, eventId: string): Promise<(status: string) => number> {
    const rows = await this.db.query<Array<{ status: string; n: number }>>(sql, [eventId]);
    return (status) => rows.find((row) => row.status === status)?.n ?? 0;
  }
}
