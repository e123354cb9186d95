import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AuthUser } from '../identity/auth-user.js';
import { EventAccessService } from '../identity/event-access.service.js';
import { agendaCalendar } from '../platform/calendar/calendar.js';
import { notFound } from '../platform/errors/common.errors.js';
import { AppConfig } from '../platform/config/app-config.js';
import { AgendaCache, type CachedAgenda, type CachedBody } from './agenda-cache.js';
import { encodeBody } from '../platform/http/content-encoding.js';
import type { Event } from '../events/event.entity.js';
import { isPublic } from '../events/event-visibility.js';
import { EventsService } from '../events/events.service.js';
import type { AgendaSession } from './agenda-session.entity.js';
import { buildAgendaDocument, type AgendaDocument } from './agenda.view.js';
import { SessionsRepository } from './sessions.repository.js';
import { eventUrls } from '../events/event-urls.js';

/** What the page and calendar are built from. */
export interface AgendaViewData {
  event: Event;
  sessions: AgendaSession[];
  /** Deleted after publishing: in the calendar feed only, as cancelled. */
  removed: AgendaSession[];
  document: AgendaDocument;
}

export interface ResolvedAgenda {
  entry: CachedAgenda;
  /** False for a draft shown to its staff: never cached by anyone. */
  shared: boolean;
}

export const cachedBody = (body: string | Buffer): CachedBody => {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = `"${createHash('sha1').update(buffer).digest('base64url').slice(0, 22)}"`;
  return { body: buffer, etag, ...encodeBody(buffer) };
};

/**
 * The published agenda, read from a pre-serialised copy kept per API process. The fast
 * path is a map lookup; the database is consulted when the copy is missing, was
 * invalidated, or has not been re-checked for a few seconds.
 */
@Injectable()
export class AgendaService {
  private readonly building = new Map<string, Promise<CachedAgenda>>();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly events: EventsService,
    private readonly access: EventAccessService,
    private readonly cache: AgendaCache,
    private readonly config: AppConfig,
  ) {}

  /** Synchronous fast path: a fresh cached agenda for this id or slug, if there is one. */
  peek(idOrSlug: string): CachedAgenda | undefined {
    const entry = this.cache.get(idOrSlug) ?? this.cache.get(this.cache.idForSlug(idOrSlug) ?? '');
    if (entry && Date.now() - entry.checkedAt < this.config.agendaCacheRecheckMs) return entry;
    return undefined;
  }

  async resolve(idOrSlug: string, user?: AuthUser): Promise<ResolvedAgenda> {
    const fresh = this.peek(idOrSlug);
    if (fresh) return { entry: fresh, shared: true };
    const event = await this.events.find(idOrSlug);
    if (!event) throw notFound('The event');
    if (!isPublic(event)) {
      if (user && (await this.access.hasRole(user, event.id, 'facilitator'))) {
        return { entry: await this.build(event), shared: false };
      }
      throw notFound('The event');
    }
    const cached = this.cache.get(event.id);
    if (cached && cached.version === event.agendaVersion && cached.slug === event.slug) {
      cached.checkedAt = Date.now();
      return { entry: cached, shared: true };
    }
    const key = `${event.id}:${event.agendaVersion}`;
    let pending = this.building.get(key);
    if (!pending) {
      const generation = this.cache.generation(event.id);
      pending = this.build(event).then((entry) => {
        this.cache.set(entry, generation);
        return entry;
      });
      this.building.set(key, pending);
      void pending.finally(() => this.building.delete(key)).catch(() => undefined);
    }
    return { entry: await pending, shared: true };
  }

  view(entry: CachedAgenda): AgendaViewData {
    return entry.view as AgendaViewData;
  }

  ics(entry: CachedAgenda): CachedBody {
    if (!entry.ics) {
      const { event, sessions, removed } = this.view(entry);
      // DTSTAMP from the event's last change keeps the bytes (and the ETag) equal across processes.
      entry.ics = cachedBody(
        agendaCalendar(event, [...sessions, ...removed], {
          stamp: event.updatedAt,
          url: eventUrls(this.config.appUrl, event).agendaPage,
        }),
      );
    }
    return entry.ics;
  }

  /** Three queries whatever the size of the agenda: sessions with their speakers, removed ones, all speakers. */
  private async build(event: Event): Promise<CachedAgenda> {
    const [sessions, removed, speakers] = await Promise.all([
      this.sessions.agenda(event.id),
      this.sessions.removedFromAgenda(event.id),
      this.sessions.speakersOfEvent(event.id),
    ]);
    const document = buildAgendaDocument(event, sessions, speakers, this.config.appUrl);
    const view: AgendaViewData = { event, sessions, removed, document };
    return {
      eventId: event.id,
      slug: event.slug,
      version: event.agendaVersion,
      json: cachedBody(JSON.stringify(document)),
      view,
      checkedAt: Date.now(),
    };
  }
}
