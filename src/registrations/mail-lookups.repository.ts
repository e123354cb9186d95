import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Event } from '../events/event.entity.js';
import { AgendaSession } from '../agenda/agenda-session.entity.js';
import { Registration } from './registration.entity.js';
import { SessionSignup } from './session-signup.entity.js';

/** What the delegates' email composers read, and who receives an event-wide email. */
@Injectable()
export class MailLookupsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  event(eventId: string): Promise<Event | null> {
    return this.db.getRepository(Event).findOne({ where: { id: eventId } });
  }

  registration(registrationId: string): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { id: registrationId } });
  }

  signup(signupId: string): Promise<SessionSignup | null> {
    return this.db.getRepository(SessionSignup).findOne({ where: { id: signupId } });
  }

  session(sessionId: string): Promise<AgendaSession | null> {
    return this.db.getRepository(AgendaSession).findOne({ where: { id: sessionId } });
  }

  /** Delegates (still registered) signed up to the session, in the caller's transaction. */
  signedUp(manager: EntityManager, sessionId: string): Promise<Array<{ id: string; email: string }>> {
    return manager.query<Array<{ id: string; email: string }>>(
      `SELECT r.id, r.email FROM session_signups s JOIN registrations r ON r.id = s.registration_id
        WHERE s.session_id = $1 AND r.status IN ('confirmed', 'waitlisted') AND r.erased_at IS NULL`,
      [sessionId],
    );
  }

  /** Of these sessions, those where the delegate is only in the queue (no place yet). */
  async waitingFor(registrationId: string, sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.db.query<Array<{ session_id: string }>>(
      `SELECT session_id FROM session_signups
        WHERE registration_id = $1 AND session_id = ANY($2::uuid[]) AND status = 'waitlisted'`,
      [registrationId, sessionIds],
    );
    return new Set(rows.map((row) => row.session_id));
  }

  /** Delegates holding a place or a place in the queue, in the caller's transaction. */
  activeDelegates(manager: EntityManager, eventId: string): Promise<Array<Pick<Registration, 'id' | 'email'>>> {
    return manager
      .getRepository(Registration)
      .createQueryBuilder('r')
      .select(['r.id', 'r.email'])
      .where('r.event_id = :eventId', { eventId })
      .andWhere(`r.status IN ('confirmed', 'waitlisted')`)
      .getMany();
  }

  /** Delegates with a place or on the waiting list, in the caller's transaction: those an event-wide change is for. */
  eventDelegates(manager: EntityManager, eventId: string): Promise<Array<{ id: string; email: string }>> {
    return manager.query<Array<{ id: string; email: string }>>(
      `SELECT id, email FROM registrations
        WHERE event_id = $1 AND status IN ('confirmed', 'waitlisted') AND erased_at IS NULL`,
      [eventId],
    );
  }

  /** How many delegates hold a place and how many wait. */
  async delegateCounts(eventId: string): Promise<{ confirmed: number; waiting: number }> {
    const rows = await this.db.query<Array<{ confirmed: number; waiting: number }>>(
      `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
         FROM registrations WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] ?? { confirmed: 0, waiting: 0 };
  }
}
