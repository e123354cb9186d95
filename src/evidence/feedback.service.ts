import { Injectable } from '@nestjs/common';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { Clock } from '../platform/clock/clock.js';
import { enGB } from '../platform/web/messages.en-GB.js';
import { AttendanceRepository, type AttendedSession } from './attendance.repository.js';
import { evidenceError, EvidenceError } from './evidence.errors.js';
import type { FeedbackRound } from './feedback.entity.js';
import { FeedbackRepository, type FeedbackEvent, type Question } from './feedback.repository.js';

const DAY = 86_400_000;
export const MAX_QUESTIONS = 5;

/** A form a delegate may answer: the whole event's (sessionId null) or one attended session's. */
export interface FeedbackForm {
  sessionId: string | null;
  title: string;
  opensAt: Date;
  closesAt: Date;
  state: 'not-open' | 'open' | 'closed' | 'answered';
}

export interface FeedbackAnswerInput {
  ratings: Record<string, number>;
  practice: string | null;
}

/**
 * Feedback on each session attended and on the whole event. Only attendees answer, each
 * form once (the receipt), and the answer is kept without them (see feedback.sql.ts). A
 * session's form opens when it starts, the event's when the event does; all close a set
 * number of days after the event.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly attendance: AttendanceRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** The event's questions; an event that never had any gets the defaults. */
  async questions(eventId: string): Promise<Question[]> {
    const questions = await this.feedback.questions(eventId);
    if (questions.length > 0) return questions;
    await this.feedback.ensureQuestions(eventId, enGB.evidence.defaultQuestions);
    return this.feedback.questions(eventId);
  }

  async settings(eventId: string): Promise<{ questions: Question[]; closesAfterDays: number }> {
    const [questions, event] = await Promise.all([this.questions(eventId), this.feedback.event(eventId, null)]);
    if (!event) throw evidenceError(EvidenceError.FeedbackNotFound, 'The event was not found.');
    return { questions, closesAfterDays: event.closesAfterDays };
  }

  async saveSettings(eventId: string, texts: Array<string | undefined>, closesAfterDays: number): Promise<void> {
    await this.questions(eventId);
    await this.feedback.saveQuestions(eventId, texts.slice(0, MAX_QUESTIONS), this.clock.now());
    await this.feedback.saveClosesAfterDays(eventId, closesAfterDays);
  }

  /** The delegate's forms: the event's, then each session they attended, in agenda order. */
  async forms(delegate: { id: string; eventId: string }, round: FeedbackRound = 'immediate'): Promise<FeedbackForm[]> {
    const [event, sessions, answered] = await Promise.all([
      this.requireEvent(delegate),
      this.attendance.attendedSessions(delegate.id),
      this.feedback.answered(delegate.id, round),
    ]);
    const attended = sessions.filter((session) => session.kind !== 'break');
    if (!event.checkedIn && attended.length === 0) return [];
    const closesAt = new Date(event.endsAt.getTime() + event.closesAfterDays * DAY);
    const now = this.clock.now().getTime();
    const form = (sessionId: string | null, title: string, opensAt: Date): FeedbackForm => ({
      sessionId,
      title,
      opensAt,
      closesAt,
      state: answered.has(sessionId ?? event.id)
        ? 'answered'
        : now < opensAt.getTime()
          ? 'not-open'
          : now >= closesAt.getTime()
            ? 'closed'
            : 'open',
    });
    return [
      form(null, event.title, event.startsAt),
      ...attended.map((session: AttendedSession) => form(session.id, session.title, session.startsAt)),
    ];
  }

  /** One form of the delegate's, with the questions; a session they did not attend has none. */
  async form(
    delegate: { id: string; eventId: string },
    sessionId: string | null,
  ): Promise<{ form: FeedbackForm; questions: Question[] }> {
    const form = (await this.forms(delegate)).find((f) => f.sessionId === sessionId);
    if (!form) {
      throw evidenceError(
        EvidenceError.FeedbackNotFound,
        'There is no feedback form for you here: feedback is for sessions you attended.',
      );
    }
    return { form, questions: await this.questions(delegate.eventId) };
  }

  /** Records the answer once; a second answer to the same form is refused and changes nothing. */
  async submit(
    delegate: { id: string; eventId: string },
    sessionId: string | null,
    answer: FeedbackAnswerInput,
  ): Promise<void> {
    const { form } = await this.form(delegate, sessionId);
    if (form.state === 'not-open') {
      throw evidenceError(EvidenceError.FeedbackNotOpen, 'Feedback on this opens when it starts.');
    }
    if (form.state === 'closed') throw evidenceError(EvidenceError.FeedbackClosed, 'Feedback on this has closed.');
    const saved =
      form.state === 'open' &&
      (await this.feedback.submit({
        round: 'immediate',
        registrationId: delegate.id,
        eventId: delegate.eventId,
        sessionId,
        ratings: answer.ratings,
        practice: answer.practice,
      }));
    if (!saved) throw evidenceError(EvidenceError.FeedbackAlreadyGiven, 'You have answered this already. Thank you.');
  }

  /**
   * One reminder, through the outbox, to each attendee with a form still unanswered. Its key
   * makes it once per delegate however often it is asked for; it is composed when sent, and
   * dropped if by then they have answered everything. Returns how many were written.
   */
  async remindUnanswered(eventId: string): Promise<number> {
    const now = this.clock.now();
    return this.feedback.transaction(async (manager) => {
      const attendees = await this.feedback.unansweredAttendees(manager, eventId, 'immediate');
      return this.outbox.enqueue(
        manager,
        ...attendees.map((attendee) => ({
          kind: NotificationKind.FeedbackReminder,
          recipient: attendee.email,
          data: { eventId },
          sendAt: now,
          dedupeKey: `feedback-reminder:${eventId}:${attendee.id}`,
          eventId,
          registrationId: attendee.id,
        })),
      );
    });
  }

  private async requireEvent(delegate: { id: string; eventId: string }): Promise<FeedbackEvent> {
    const event = await this.feedback.event(delegate.eventId, delegate.id);
    if (!event) throw evidenceError(EvidenceError.FeedbackNotFound, 'The event was not found.');
    return event;
  }
}
