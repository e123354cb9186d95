import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { calendarAttachment, eventCalendar, sessionsCalendar } from '../platform/calendar/calendar.js';
import { zoneAbbreviation } from '../platform/time/zone-abbreviation.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { ReminderRule } from './reminder-rule.entity.js';
import { greetingName } from '../registrations/registration.entity.js';
import { describeOffset, fillPlaceholders, type PlaceholderValues } from './reminder-schedule.js';
import { FollowUpMailHooks, type FollowUpAdditions } from './follow-up-mail.hooks.js';
import { ReminderOptOuts } from './reminder-opt-outs.js';
import { ReminderContextRepository, type ReminderContextRow } from './reminders.repository.js';
import { eventUrls } from '../events/event-urls.js';
import { SealedPersonalLinks } from '../registrations/sealed-personal-links.js';

/** Everything one reminder is written from, loaded fresh when it is due. */
export interface ReminderContext extends ReminderContextRow {
  /** For a per-workshop rule, the workshop it is about. */
  session?: ReminderContextRow['sessions'][number];
  /** The delegate's personal link, when it can be recovered; previews show a placeholder. */
  personalLink?: string;
  /** The delegate's one-click opt-out address; previews (seen by organisers) have none. */
  optOutUrl?: string;
  /** A follow-up's additions from the folders to the right (the CPD certificate); previews have none. */
  additions?: FollowUpAdditions;
}

type ContextSession = ReminderContextRow['sessions'][number];

export const formatInZone = (date: Date, zone: string): string => {
  const time = DateTime.fromJSDate(date, { zone });
  return `${time.toFormat("cccc d LLLL yyyy 'at' HH:mm")} ${zoneAbbreviation(time)}`;
};

const formatTimeRange = (session: ContextSession, zone: string): string => {
  const start = DateTime.fromJSDate(session.startsAt, { zone });
  const end = DateTime.fromJSDate(session.endsAt, { zone });
  return `${start.toFormat('ccc d LLL, HH:mm')}–${end.toFormat('HH:mm')} ${zoneAbbreviation(end)}`;
};

/** Writes reminder emails: HTML and text, the delegate's own sessions, and a calendar file. */
@Injectable()
export class ReminderComposer implements OnModuleInit {
  private readonly calendars = new Map<string, string>();

  constructor(
    private readonly contexts: ReminderContextRepository,
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly config: AppConfig,
    private readonly links: SealedPersonalLinks,
    private readonly optOuts: ReminderOptOuts,
    private readonly followUpMail: FollowUpMailHooks,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.Reminder, (n) => this.composeDue(n));
  }

  /** Undefined when the reminder no longer applies; the outbox then marks it cancelled. */
  async composeDue(notification: NotificationOf<NotificationKind.Reminder>): Promise<MailMessage | undefined> {
    const { ruleId, sessionId } = notification.data;
    if (!notification.registrationId) return undefined;
    if (await this.optOuts.isOptedOut(notification.registrationId)) return undefined;
    const context = await this.loadContext(ruleId, notification.registrationId, sessionId ?? undefined);
    if (!context) return undefined;
    const additions: FollowUpAdditions = { paragraphs: [], attachments: [] };
    if (context.rule.anchor === 'event-end') await this.followUpMail.announce(context, additions);
    return this.compose({ ...context, additions, optOutUrl: this.optOuts.urlFor(notification.registrationId) });
  }

  async loadContext(ruleId: string, registrationId: string, sessionId?: string): Promise<ReminderContext | undefined> {
    const row = await this.contexts.load(ruleId, registrationId);
    if (!row) return undefined;
    const { rule, registration, event, sessions } = row;
    if (registration.status !== 'confirmed' || registration.erasedAt) return undefined;
    if (event.status !== 'published' || event.id !== rule.eventId) return undefined;
    const session = sessionId ? sessions.find((s) => s.id === sessionId) : undefined;
    if (rule.anchor === 'session-start' && !session) return undefined;
    return { ...row, session, personalLink: this.links.open(registration.tokenSealed) };
  }

  compose(context: ReminderContext): MailMessage {
    const { rule, event, registration, sessions, session } = context;
    const zone = event.timezone;
    const link = context.personalLink ?? eventUrls(this.config.appUrl, event).agendaPage;
    const name = greetingName(registration);
    const values: PlaceholderValues = {
      // An organiser's "Dear {name}" reads "Dear delegate" until the delegate's link was used.
      name: name ?? 'delegate',
      event: event.title,
      session: session?.title ?? '',
      time: formatInZone(session?.startsAt ?? (rule.anchor === 'event-end' ? event.endsAt : event.startsAt), zone),
      venue: event.venue,
      room: session?.room ?? '',
      link,
    };
    const subject = rule.subject ? fillPlaceholders(rule.subject, values) : defaultSubject(rule, values);
    const paragraphs = rule.message
      ? fillPlaceholders(rule.message, values)
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
      : defaultParagraphs(rule, values);
    if (rule.anchor === 'event-end') paragraphs.push(feedbackParagraph(context.personalLink));
    paragraphs.push(...(context.additions?.paragraphs ?? []));
    if (rule.anchor !== 'event-end') {
      paragraphs.push(`Where: ${place(session?.room, event.venue)}.`);
      paragraphs.push(
        sessions.length > 0
          ? `Your workshops: ${sessions.map((s) => `${s.title} (${formatTimeRange(s, zone)}${s.room ? `, ${s.room}` : ''})`).join('; ')}.`
          : 'You have not signed up for any workshops yet; you can from your personal page.',
      );
    }
    const rendered = this.renderer.render('message', {
      subject,
      name,
      paragraphs,
      link: { label: context.personalLink ? 'Your personal page' : 'The agenda', url: link },
      eventTitle: event.title,
      optOut: context.optOutUrl
        ? {
            reason: `You get reminders because you registered for ${event.title}.`,
            label: 'Stop reminder emails',
            url: context.optOutUrl,
          }
        : undefined,
    });
    const ics = this.calendarFor(event, sessions);
    return {
      to: registration.email,
      subject,
      ...rendered,
      attachments: [
        calendarAttachment(ics, sessions.length > 0 ? 'my-sessions.ics' : 'event.ics'),
        ...(context.additions?.attachments ?? []),
      ],
      ...(context.optOutUrl ? { list: { id: `reminders.${event.id}`, unsubscribeUrl: context.optOutUrl } } : {}),
    };
  }

  /**
   * Many delegates share an event and the same workshops, so their calendars are the same
   * bytes: kept briefly, keyed by what they are built from.
   */
  private calendarFor(event: ReminderContextRow['event'], sessions: ContextSession[]): string {
    const key = [event.id, event.updatedAt.getTime(), ...sessions.map((s) => `${s.id}:${s.updatedAt.getTime()}`)].join(
      '|',
    );
    const cached = this.calendars.get(key);
    if (cached) return cached;
    const ics =
      sessions.length > 0 ? sessionsCalendar(event, sessions) : eventCalendar(event, { sequence: event.sequence });
    if (this.calendars.size >= 500) this.calendars.clear();
    this.calendars.set(key, ics);
    return ics;
  }
}

/**
 * Every follow-up asks for feedback: the form (evidence's page, linked by address) asks how
 * it went and what the delegate will do differently in their practice.
 */
function feedbackParagraph(personalLink: string | undefined): string {
  return personalLink
    ? `Please tell us how it went and what you will do differently in your practice: ${personalLink}/feedback`
    : 'Please tell us how it went and what you will do differently in your practice: the feedback form is on your personal page.';
}

/** "Room 4, Town Hall": a workshop's room before the venue; the agenda when neither is known. */
function place(room: string | null | undefined, venue: string): string {
  const parts = [room, venue].map((p) => p?.trim()).filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : 'see the agenda';
}

function defaultSubject(rule: Pick<ReminderRule, 'anchor' | 'offsetSeconds'>, values: PlaceholderValues): string {
  switch (rule.anchor) {
    case 'event-start':
      return `Reminder: ${values.event} starts in ${describeOffset(rule.offsetSeconds)}`;
    case 'event-end':
      return `Thank you for coming to ${values.event}`;
    case 'session-start':
      return `Reminder: ${values.session} starts in ${describeOffset(rule.offsetSeconds)}`;
  }
}

function defaultParagraphs(rule: Pick<ReminderRule, 'anchor' | 'offsetSeconds'>, values: PlaceholderValues): string[] {
  switch (rule.anchor) {
    case 'event-start':
      return [`${values.event} begins on ${values.time}.`];
    case 'event-end':
      return [`Thank you for taking part in ${values.event}.`];
    case 'session-start':
      return [`Your workshop ${values.session} begins on ${values.time}${values.room ? ` in ${values.room}` : ''}.`];
  }
}

/** A reminder's rule, and its session for a session-start rule (null for the event's own). */
export type ReminderData = { ruleId: string; sessionId: string | null };

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.Reminder]: ReminderData;
  }
}
