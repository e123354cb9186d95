import { Injectable } from '@nestjs/common';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { Clock } from '../platform/clock/clock.js';
import { evidenceError, EvidenceError } from './evidence.errors.js';
import { IMPACT_QUESTION_ID } from './feedback-results.js';
import { FeedbackRepository, type Question } from './feedback.repository.js';
import { FeedbackService, type FeedbackAnswerInput } from './feedback.service.js';
import { ImpactFollowUpRepository, type FollowUp, type FollowUpSettings } from './impact-follow-up.repository.js';

/**
 * The impact follow-up: asked once, a set number of weeks or months after the event, of every
 * delegate who attended. The sweep claims a due follow-up and writes its emails in one
 * transaction, so two sweeps at once send it once.
 */
@Injectable()
export class ImpactFollowUpService {
  constructor(
    private readonly repository: ImpactFollowUpRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly feedback: FeedbackService,
    private readonly answers: FeedbackRepository,
  ) {}

  /**
   * The follow-up a delegate may answer: it has gone, and they attended (the same rule as the
   * event's feedback form). Its one rating question has the id the results read.
   */
  async formFor(
    delegate: { id: string; eventId: string },
  ): Promise<{ followUp: FollowUp; question: Question; answered: boolean }> {
    const followUp = await this.repository.find(delegate.eventId);
    const [eventForm] = followUp?.sentAt ? await this.feedback.forms(delegate, 'impact') : [];
    if (!followUp || !eventForm) {
      throw evidenceError(EvidenceError.FeedbackNotFound, 'There is no follow-up for you here.');
    }
    const question = { id: IMPACT_QUESTION_ID, position: 0, text: followUp.ratingQuestion };
    return { followUp, question, answered: eventForm.state === 'answered' };
  }

  /** Records the delegate's answer once, kept apart from who gave it; a second is refused. */
  async answer(delegate: { id: string; eventId: string }, answer: FeedbackAnswerInput): Promise<void> {
    await this.formFor(delegate);
    const saved = await this.answers.submit({
      round: 'impact',
      registrationId: delegate.id,
      eventId: delegate.eventId,
      sessionId: null,
      ratings: answer.ratings,
      practice: answer.practice,
    });
    if (!saved) throw evidenceError(EvidenceError.FeedbackAlreadyGiven, 'You have answered this already. Thank you.');
  }

  find(eventId: string): Promise<FollowUp | undefined> {
    return this.repository.find(eventId);
  }

  /** False if it has gone already: what was asked stays as it was asked. */
  save(eventId: string, settings: FollowUpSettings): Promise<boolean> {
    return this.repository.save(eventId, settings);
  }

  /** Sends every follow-up now due; returns how many emails this pass wrote. */
  sendDue(): Promise<number> {
    const now = this.clock.now();
    return this.repository.transaction(async (manager) => {
      let written = 0;
      for (const { eventId, sentAt } of await this.repository.claimDue(manager, now)) {
        const attendees = await this.repository.attendees(manager, eventId);
        written += await this.outbox.enqueue(
          manager,
          ...attendees.map((attendee) => ({
            kind: NotificationKind.ImpactFollowUp,
            recipient: attendee.email,
            data: { eventId },
            sendAt: now,
            // Keyed by the sending: the claim, not the outbox, is what makes it go once.
            dedupeKey: `impact-follow-up:${eventId}:${sentAt.getTime()}:${attendee.id}`,
            eventId,
            registrationId: attendee.id,
          })),
        );
      }
      return written;
    });
  }
}
