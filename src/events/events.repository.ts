import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../identity/auth-user.js';
import { notFound } from '../platform/errors/common.errors.js';
import type { Page, PageWindow } from '../platform/http/pagination.js';
import { User } from '../identity/users/user.entity.js';
import type { MemberResponse } from './dto/add-member.dto.js';
import { EventMember, type EventRole } from '../identity/event-member.entity.js';
import { Event } from './event.entity.js';

/** The events module's queries. Methods taking a manager run inside the caller's transaction. */
@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** By id or slug, whatever its status. */
  findByIdOrSlug(idOrSlug: string): Promise<Event | null> {
    const repo = this.db.getRepository(Event);
    return isUUID(idOrSlug) ? repo.findOne({ where: { id: idOrSlug } }) : repo.findOne({ where: { slug: idOrSlug } });
  }

  findById(eventId: string): Promise<Event | null> {
    return this.db.getRepository(Event).findOne({ where: { id: eventId } });
  }

  insert(manager: EntityManager, fields: Partial<Event>): Promise<Event> {
    const repo = manager.getRepository(Event);
    return repo.save(repo.create(fields));
  }

  save(manager: EntityManager, event: Event): Promise<Event> {
    return manager.getRepository(Event).save(event);
  }

  async addMember(manager: EntityManager, eventId: string, userId: string, role: EventRole): Promise<void> {
    await manager.getRepository(EventMember).save({ eventId, userId, role });
  }

  /** Locks the event row for the rest of the transaction: agenda writes to one event are serialised. */
  async lock(manager: EntityManager, eventId: string): Promise<Event> {
    const event = await manager
      .getRepository(Event)
      .findOne({ where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
    if (!event) throw notFound('The event');
    return event;
  }

  /** Marks the agenda as changed (ETag, caches). */
  async bumpAgendaVersion(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query('UPDATE events SET agenda_version = agenda_version + 1, updated_at = now() WHERE id = $1', [
      eventId,
    ]);
  }

  slugExists(manager: EntityManager, slug: string): Promise<boolean> {
    return manager.getRepository(Event).exists({ where: { slug } });
  }

  /** The slug itself and base-<anything> slugs, to find the next free one. */
  async slugsLike(manager: EntityManager, base: string): Promise<string[]> {
    const rows = await manager.query<Array<{ slug: string }>>(
      `SELECT slug FROM events WHERE slug = $1 OR starts_with(slug, $2)`,
      [base, `${base}-`],
    );
    return rows.map((r) => r.slug);
  }

  /**
   * The events a staff user works on, soonest first, with their role (an admin: every event,
   * as its administrator unless they also have a role on it).
   */
  async listForStaff(user: AuthUser): Promise<Array<{ event: Event; role: string }>> {
    const query = this.db
      .getRepository(Event)
      .createQueryBuilder('e')
      .leftJoin('event_members', 'm', 'm.event_id = e.id AND m.user_id = :userId', { userId: user.id })
      .addSelect('m.role', 'member_role')
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC');
    if (!user.isAdmin) query.where('m.user_id IS NOT NULL');
    const { entities, raw } = await query.getRawAndEntities<{ member_role: string | null }>();
    return entities.map((event, i) => ({ event, role: raw[i]?.member_role ?? 'admin' }));
  }

  /** Published events for everyone; a staff user also sees events they belong to (an admin: all). */
  async listVisible(user: AuthUser | undefined, window: PageWindow): Promise<Page<Event>> {
    const query = this.db
      .getRepository(Event)
      .createQueryBuilder('e')
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(window.limit)
      .skip(window.offset);
    if (!user) {
      query.where(`e.status = 'published'`);
    } else if (!user.isAdmin) {
      query.where(
        new Brackets((q) =>
          q
            .where(`e.status = 'published'`)
            .orWhere('EXISTS (SELECT 1 FROM event_members m WHERE m.event_id = e.id AND m.user_id = :userId)', {
              userId: user.id,
            }),
        ),
      );
    }
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }

  findStaffByEmail(email: string): Promise<User | null> {
    return this.db.getRepository(User).findOne({ where: { email: email.trim().toLowerCase() } });
  }

  /** Adds the member, or changes their role. */
  async upsertMember(manager: EntityManager, eventId: string, userId: string, role: EventRole): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EventMember)
      .values({ eventId, userId, role })
      .orUpdate(['role'], ['event_id', 'user_id'])
      .execute();
  }

  async memberRole(manager: EntityManager, eventId: string, userId: string): Promise<EventRole | undefined> {
    const member = await manager.getRepository(EventMember).findOne({ where: { eventId, userId } });
    return member?.role;
  }

  async countOrganisers(manager: EntityManager, eventId: string): Promise<number> {
    return manager.getRepository(EventMember).count({ where: { eventId, role: 'organiser' } });
  }

  async removeMember(manager: EntityManager, eventId: string, userId: string): Promise<void> {
    await manager.getRepository(EventMember).delete({ eventId, userId });
  }

  members(eventId: string): Promise<MemberResponse[]> {
    return this.db
      .getRepository(EventMember)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .select([
        'm.event_id AS "eventId"',
        'm.user_id AS "userId"',
        'u.email AS email',
        'u.name AS name',
        'm.role AS role',
      ])
      .where('m.event_id = :eventId', { eventId })
      .orderBy('u.email')
      .getRawMany<MemberResponse>();
  }
}
