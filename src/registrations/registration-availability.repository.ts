import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventStatus } from '../events/event.entity.js';

/** What decides whether an event takes registrations now, read in one query. */
export interface RegistrationWindow {
  status: EventStatus;
  capacity: number;
  confirmed: number;
  opensAt: Date | null;
  closesAt: Date | null;
  endsAt: Date;
}

interface WindowRow {
  status: EventStatus;
  capacity: number;
  confirmed: number;
  registration_opens_at: Date | null;
  registration_closes_at: Date | null;
  ends_at: Date;
}

/** Reads for the public "may I register?" answers (the agenda's call to action, the register page). */
@Injectable()
export class RegistrationAvailabilityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async window(eventId: string): Promise<RegistrationWindow | undefined> {
    const rows = await this.db.query<WindowRow[]>(
      `SELECT e.status, e.capacity, e.registration_opens_at, e.registration_closes_at, e.ends_at,
              (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed
         FROM events e
        WHERE e.id = $1`,
      [eventId],
    );
    const row = rows[0];
    return row
      ? {
          status: row.status,
          capacity: row.capacity,
          confirmed: row.confirmed,
          opensAt: row.registration_opens_at,
          closesAt: row.registration_closes_at,
          endsAt: row.ends_at,
        }
      : undefined;
  }
}
