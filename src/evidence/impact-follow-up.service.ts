import { Injectable } from '@nestjs/common';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { Clock } from '../platform/clock/clock.js';
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
  ) {}

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
