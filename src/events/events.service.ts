import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IANAZone } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../identity/auth-user.js';
import { EventAccessService } from '../identity/event-access.service.js';
import { Clock } from '../platform/clock/clock.js';
import { notFound } from '../platform/errors/common.errors.js';
import { describeConstraint } from '../platform/errors/postgres-errors.js';
import type { Page, PageWindow } from '../platform/http/pagination.js';
import type { CreateEventDto } from './dto/create-event.dto.js';
import type { MemberResponse } from './dto/add-member.dto.js';
import { rejectNulls } from './dto/reject-nulls.js';
import type { UpdateEventDto } from './dto/update-event.dto.js';
import { EventChangeNotices } from './event-change-notices.js';
import { EventCommittedHooks } from './event-committed.hooks.js';
import { EventCancelledHooks } from './event-cancelled.hooks.js';
import { EventDatesHooks } from './event-dates.hooks.js';
import { scheduleChange, scheduleOf } from './event-schedule.js';
import { ScheduleChangeHooks } from './schedule-change.hooks.js';
import type { EventRole } from '../identity/event-member.entity.js';
import type { Event } from './event.entity.js';
import { isPublic } from './event-visibility.js';
import { eventsError, EventsError } from './events.errors.js';
import { EventAudience } from './event-audience.js';
import { EventsRepository } from './events.repository.js';
import { isUsableSlug, nextFreeSlug, slugify } from './slug.js';

describeConstraint('uq_events_slug', 'Another event already uses that slug; choose another.');
describeConstraint('ck_events_dates', 'startsAt must be before endsAt.');
describeConstraint('ck_events_registration_window', 'registrationOpensAt must be before registrationClosesAt.');

function parseInstant(value: string): Date {
  return new Date(value);
}

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: EventsRepository,
    private readonly access: EventAccessService,
    private readonly committed: EventCommittedHooks,
    private readonly clock: Clock,
    private readonly scheduleChanges: ScheduleChangeHooks,
    private readonly dates: EventDatesHooks,
    private readonly cancelled: EventCancelledHooks,
    private readonly changeNotices: EventChangeNotices,
    private readonly eventAudience: EventAudience,
  ) {}

  async create(user: AuthUser, input: CreateEventDto): Promise<Event> {
    this.checkTimezone(input.timezone);
    const startsAt = parseInstant(input.startsAt);
    const endsAt = parseInstant(input.endsAt);
    const opens = input.registrationOpensAt ? parseInstant(input.registrationOpensAt) : null;
    const closes = input.registrationClosesAt ? parseInstant(input.registrationClosesAt) : null;
    this.checkDates(startsAt, endsAt, opens, closes);
    if (input.slug !== undefined) this.checkSlug(input.slug);

    return this.db.transaction(async (manager) => {
      const slug = input.slug ?? (await this.freeSlug(manager, slugify(input.title)));
      if (input.slug !== undefined && (await this.repo.slugExists(manager, slug))) {
        throw eventsError(EventsError.SlugTaken, `Another event already uses the slug "${slug}"; choose another.`);
      }
      const event = await this.repo.insert(manager, {
        slug,
        title: input.title,
        description: input.description ?? '',
        venue: input.venue ?? '',
        timezone: input.timezone,
        startsAt,
        endsAt,
        capacity: input.capacity,
        perOrganisationCap: input.perOrganisationCap ?? null,
        registrationOpensAt: opens,
        registrationClosesAt: closes,
        status: 'draft',
        createdById: user.id,
      });
      await this.repo.addMember(manager, event.id, user.id, 'organiser');
      return event;
    });
  }

  /** Published events for everyone; a staff user also sees drafts of events they belong to (an admin: all). */
  list(user: AuthUser | undefined, window: PageWindow): Promise<Page<Event>> {
    return this.repo.listVisible(user, window);
  }

  /** How many delegates (with a place, waiting) a cancellation would email. */
  audience(eventId: string): Promise<{ confirmed: number; waiting: number }> {
    return this.eventAudience.delegateCounts(eventId);
  }

  /** The events a staff user works on, with their role, for the staff pages. */
  listForStaff(user: AuthUser): Promise<Array<{ event: Event; role: string }>> {
    return this.repo.listForStaff(user);
  }

  /** The event by id or slug, whatever its status. */
  find(idOrSlug: string): Promise<Event | null> {
    return this.repo.findByIdOrSlug(idOrSlug);
  }

  /** The event if this caller may see it; drafts are a 404 to anyone but its staff. */
  async getVisible(idOrSlug: string, user?: AuthUser, role: EventRole = 'facilitator'): Promise<Event> {
    const event = await this.find(idOrSlug);
    if (!event) throw notFound('The event');
    if (isPublic(event)) return event;
    if (user && (await this.access.hasRole(user, event.id, role))) return event;
    throw notFound('The event');
  }

  async get(eventId: string): Promise<Event> {
    const event = await this.repo.findById(eventId);
    if (!event) throw notFound('The event');
    return event;
  }

  async update(eventId: string, input: UpdateEventDto): Promise<Event> {
    rejectNulls(input, ['title', 'slug', 'description', 'venue', 'timezone', 'startsAt', 'endsAt', 'capacity']);
    if (input.timezone !== undefined) this.checkTimezone(input.timezone);
    if (input.slug !== undefined) this.checkSlug(input.slug);
    const event = await this.db.transaction(async (manager) => {
      const event = await this.repo.lock(manager, eventId);
      const previousStart = event.startsAt.getTime();
      const before = scheduleOf(event);
      if (input.slug !== undefined && input.slug !== event.slug) {
        if (await this.repo.slugExists(manager, input.slug)) {
          throw eventsError(
            EventsError.SlugTaken,
            `Another event already uses the slug "${input.slug}"; choose another.`,
          );
        }
        event.slug = input.slug;
      }
      if (input.title !== undefined) event.title = input.title;
      if (input.description !== undefined) event.description = input.description;
      if (input.venue !== undefined) event.venue = input.venue;
      if (input.timezone !== undefined) event.timezone = input.timezone;
      if (input.startsAt !== undefined) event.startsAt = parseInstant(input.startsAt);
      if (input.endsAt !== undefined) event.endsAt = parseInstant(input.endsAt);
      if (input.capacity !== undefined) event.capacity = input.capacity;
      if (input.perOrganisationCap !== undefined) event.perOrganisationCap = input.perOrganisationCap;
      if (input.registrationOpensAt !== undefined) {
        event.registrationOpensAt = input.registrationOpensAt === null ? null : parseInstant(input.registrationOpensAt);
      }
      if (input.registrationClosesAt !== undefined) {
        event.registrationClosesAt =
          input.registrationClosesAt === null ? null : parseInstant(input.registrationClosesAt);
      }
      this.checkDates(event.startsAt, event.endsAt, event.registrationOpensAt, event.registrationClosesAt);
      if (input.startsAt !== undefined || input.endsAt !== undefined) {
        const shiftMs = event.startsAt.getTime() - previousStart;
        await this.dates.announce(manager, event, { shiftMs, moveSessions: input.moveSessions === true });
      }
      event.agendaVersion += 1;
      // Delegates and speakers have the event in their calendars: a new date or venue raises its
      // SEQUENCE and tells them (one debounced notice per person, as for session changes).
      const rescheduled = event.status === 'published' && scheduleChange(before, scheduleOf(event)) !== undefined;
      if (rescheduled) event.sequence += 1;
      const saved = await this.repo.save(manager, event);
      if (rescheduled) await this.changeNotices.schedule(manager, saved, before);
      // New dates move the event's reminders (and its sessions' reminders stay in line).
      await this.scheduleChanges.announce(manager, { eventId });
      return saved;
    });
    await this.committed.announce(eventId);
    return event;
  }

  async publish(eventId: string): Promise<Event> {
    return this.transition(eventId, (event) => {
      if (event.status === 'cancelled') {
        throw eventsError(EventsError.WrongStatus, 'This event was cancelled; a cancelled event cannot be published.');
      }
      if (event.status === 'published') return false;
      event.status = 'published';
      event.publishedAt ??= this.clock.now();
      return true;
    });
  }

  async unpublish(eventId: string): Promise<Event> {
    return this.transition(eventId, (event) => {
      if (event.status === 'cancelled') {
        throw eventsError(EventsError.WrongStatus, 'This event was cancelled; it cannot go back to draft.');
      }
      if (event.status === 'draft') return false;
      event.status = 'draft';
      return true;
    });
  }

  /** Cancels the event; in the same transaction, registrations write an email to every registered delegate. */
  async cancel(eventId: string): Promise<Event> {
    return this.transition(eventId, async (event, manager) => {
      if (event.status === 'cancelled') {
        throw eventsError(EventsError.WrongStatus, 'This event is already cancelled.');
      }
      event.status = 'cancelled';
      event.sequence += 1;
      await this.cancelled.announce(manager, event);
      return true;
    });
  }

  private async transition(
    eventId: string,
    change: (event: Event, manager: EntityManager) => boolean | Promise<boolean>,
  ): Promise<Event> {
    const { event, changed } = await this.db.transaction(async (manager) => {
      const event = await this.repo.lock(manager, eventId);
      const changed = await change(event, manager);
      if (!changed) return { event, changed };
      event.agendaVersion += 1;
      const saved = await this.repo.save(manager, event);
      // Publishing schedules reminders; unpublishing and cancelling withdraw them.
      await this.scheduleChanges.announce(manager, { eventId });
      return { event: saved, changed };
    });
    if (changed) await this.committed.announce(eventId);
    return event;
  }

  async addMember(eventId: string, email: string, role: EventRole): Promise<MemberResponse> {
    await this.get(eventId);
    const user = await this.repo.findStaffByEmail(email);
    if (!user) {
      throw eventsError(
        EventsError.NoSuchStaff,
        `No staff account uses ${email}; an administrator can create one first (POST /api/users).`,
      );
    }
    await this.db.transaction(async (manager) => {
      await this.repo.lock(manager, eventId);
      if (role !== 'organiser') await this.keepAnOrganiser(manager, eventId, user.id, 'demote');
      await this.repo.upsertMember(manager, eventId, user.id, role);
    });
    return { eventId, userId: user.id, email: user.email, name: user.name, role };
  }

  /**
   * Takes a member off the event; their next request (token or browser session) no longer
   * has the role, since every check reads the membership. Never the last organiser.
   */
  async removeMember(eventId: string, userId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      // The event's row lock serialises membership changes, so two organisers removing each
      // other at once cannot both succeed.
      await this.repo.lock(manager, eventId);
      if (!(await this.repo.memberRole(manager, eventId, userId))) {
        throw eventsError(EventsError.NotAMember, 'That staff account is not a member of this event.');
      }
      await this.keepAnOrganiser(manager, eventId, userId, 'remove');
      await this.repo.removeMember(manager, eventId, userId);
    });
  }

  /** Refuses a change that would leave the event without an organiser. */
  private async keepAnOrganiser(
    manager: EntityManager,
    eventId: string,
    userId: string,
    change: 'remove' | 'demote',
  ): Promise<void> {
    if ((await this.repo.memberRole(manager, eventId, userId)) !== 'organiser') return;
    if ((await this.repo.countOrganisers(manager, eventId)) > 1) return;
    throw eventsError(
      EventsError.LastOrganiser,
      `This is the event's last organiser, who cannot be ${change === 'remove' ? 'removed' : 'made a facilitator'}; make someone else an organiser first.`,
    );
  }

  members(eventId: string): Promise<MemberResponse[]> {
    return this.repo.members(eventId);
  }

  private checkTimezone(zone: string): void {
    if (!IANAZone.isValidZone(zone)) {
      throw eventsError(
        EventsError.InvalidTimezone,
        `"${zone.slice(0, 64)}" is not an IANA time zone; use a name such as Europe/London or America/New_York.`,
      );
    }
  }

  private checkSlug(slug: string): void {
    if (!isUsableSlug(slug)) {
      throw eventsError(
        EventsError.InvalidSlug,
        'slug must be lower-case letters, digits and single hyphens (e.g. annual-meeting-2026), at most 80 characters, and must not look like an id.',
      );
    }
  }

  private checkDates(startsAt: Date, endsAt: Date, opens: Date | null, closes: Date | null): void {
    if (startsAt.getTime() >= endsAt.getTime()) {
      throw eventsError(EventsError.InvalidDates, 'startsAt must be before endsAt.');
    }
    if (opens && closes && opens.getTime() >= closes.getTime()) {
      throw eventsError(EventsError.InvalidDates, 'registrationOpensAt must be before registrationClosesAt.');
    }
    if (closes && closes.getTime() > endsAt.getTime()) {
      throw eventsError(EventsError.InvalidDates, 'registrationClosesAt must not be after the event ends.');
    }
  }

  private async freeSlug(manager: EntityManager, base: string): Promise<string> {
    return nextFreeSlug(base, new Set(await this.repo.slugsLike(manager, base)));
  }
}
