import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventMember, type EventRole } from './event-member.entity.js';

/** The membership lookups the staff guards make on every request. */
@Injectable()
export class EventMembersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async roleOf(userId: string, eventId: string): Promise<EventRole | undefined> {
    const member = await this.db
      .getRepository(EventMember)
      .findOne({ where: { eventId, userId }, select: { role: true } });
    return member?.role;
  }

  /**
   * Whether the event exists. Memberships reference events by key, so this asks the table
   * they point to rather than importing the events feature, which sits above identity.
   */
  async eventExists(eventId: string): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await this.db.query(
      'SELECT EXISTS (SELECT 1 FROM events WHERE id = $1) AS found',
      [eventId],
    );
    return rows[0]?.found === true;
  }

  /** Whether the user organises at least one event (who keeps lists that belong to the whole network). */
  async organisesAnyEvent(userId: string): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM event_members WHERE user_id = $1 AND role = 'organiser') AS found`,
      [userId],
    );
    return rows[0]?.found === true;
  }
}
