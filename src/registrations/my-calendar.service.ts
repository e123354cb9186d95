import { Injectable } from '@nestjs/common';
import { SessionsRepository } from '../agenda/sessions.repository.js';
import { eventUrls } from '../events/event-urls.js';
import { EventsService } from '../events/events.service.js';
import { sessionsCalendar } from '../platform/calendar/calendar.js';
import { AppConfig } from '../platform/config/app-config.js';
import { ownSessions } from './my-sessions.js';
import type { Registration } from './registration.entity.js';
import { DelegatesService } from './delegates.service.js';

/**
 * The personal page's "add my sessions to my calendar": an iCalendar of the delegate's own
 * sessions (see ownSessions), with sessions removed after publishing kept as cancelled so a
 * calendar that subscribed drops them. The same UIDs as the public feed, so a calendar that
 * has both sees one event per session.
 */
@Injectable()
export class MyCalendarService {
  constructor(
    private readonly registrations: DelegatesService,
    private readonly events: EventsService,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  async ics(delegate: Registration): Promise<string> {
    const [me, event, agenda, removed] = await Promise.all([
      this.registrations.me(delegate),
      this.events.get(delegate.eventId),
      this.sessions.agenda(delegate.eventId),
      this.sessions.removedFromAgenda(delegate.eventId),
    ]);
    const placed =
      me.status === 'confirmed'
        ? new Set(me.workshops.filter((w) => w.status === 'confirmed').map((w) => w.sessionId))
        : new Set<string>();
    const all = [...agenda, ...removed.map((session) => ({ ...session, status: 'cancelled' as const }))];
    return sessionsCalendar(event, ownSessions(all, placed), { url: eventUrls(this.config.appUrl, event).agendaPage });
  }
}
