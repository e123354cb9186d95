import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface OptOutSubject {
  registrationId: string;
  eventTitle: string;
  eventSlug: string;
  optedOut: boolean;
}

/** The reminder_opt_outs table: who stopped their reminders. */
@Injectable()
export class ReminderOptOutsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The delegate an opt-out link names, with their event; undefined once cancelled or erased. */
  async subject(registrationId: string): Promise<OptOutSubject | undefined> {
    const [row] = await this.db.query<Array<{ title: string; slug: string; opted_out: boolean }>>(
      `SELECT e.title, e.slug, EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.registration_id = r.id) AS opted_out
         FROM registrations r JOIN events e ON e.id = r.event_id
        WHERE r.id = $1 AND r.status <> 'cancelled' AND r.erased_at IS NULL`,
      [registrationId],
    );
    return row ? { registrationId, eventTitle: row.title, eventSlug: row.slug, optedOut: row.opted_out } : undefined;
  }

  /** Records the opt-out; doing it twice is harmless. */
  async insert(manager: EntityManager, registrationId: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO reminder_opt_outs (registration_id, created_at) VALUES ($1, $2) ON CONFLICT (registration_id) DO NOTHING`,
      [registrationId, at],
    );
  }

  async isOptedOut(registrationId: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM reminder_opt_outs WHERE registration_id = $1`, [
      registrationId,
    ]);
    return rows.length > 0;
  }
}
