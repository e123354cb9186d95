import { Injectable, type OnModuleInit } from '@nestjs/common';
import { NotificationComposers } from '../outbox/notification-composers.js';
import { NotificationKind } from '../outbox/notification-kind.js';
import type { NotificationOf } from '../outbox/notification-payloads.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { Clock } from '../platform/clock/clock.js';
import type { MailMessage } from '../platform/mail/mail-message.js';
import { MailRenderer } from '../platform/mail/mail-renderer.js';
import { enGB } from '../platform/web/messages.en-GB.js';
import { greetingName } from '../registrations/registration.entity.js';
import type { Canvas } from './canvas.entity.js';
import { CanvasesRepository } from './canvases.repository.js';
import { toCanvasResponse } from './dto/canvas.response.js';
import { writeUpView } from './staff-pages/canvas-console.view.js';
import { WriteUpMailRepository } from './write-up-mail.repository.js';

/**
 * The outbox key of one delegate's copy of a canvas's write-up: the outbox keeps one row per
 * key, so however often (or however many facilitators at once) ask, each delegate gets one.
 */
@Injectable()
export class WriteUpMailKeys {
  keyFor(canvasId: string, registrationId: string): string {
    return `canvas-write-up:${canvasId}:${registrationId}`;
  }
}

/**
 * "Email the write-up to everyone who posted with a delegate identity": one email each, to
 * their own address only (on an anonymous canvas too, nobody learns who else posted), composed
 * when sent from the canvas as it then is.
 */
@Injectable()
export class WriteUpMail implements OnModuleInit {
  constructor(
    private readonly repo: WriteUpMailRepository,
    private readonly canvases: CanvasesRepository,
    private readonly keys: WriteUpMailKeys,
    private readonly outbox: OutboxService,
    private readonly composers: NotificationComposers,
    private readonly renderer: MailRenderer,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.composers.register(NotificationKind.CanvasWriteUp, (n) => this.compose(n));
  }

  /** How many people the button would email. */
  async audience(canvas: Canvas): Promise<number> {
    return (await this.repo.postedDelegates(canvas.id, canvas.eventId)).length;
  }

  /** Writes the emails; returns how many were new (0 when everyone already has theirs). */
  send(canvas: Canvas): Promise<number> {
    const now = this.clock.now();
    return this.repo.transaction(async (manager) => {
      const delegates = await this.repo.postedDelegates(canvas.id, canvas.eventId, manager);
      return this.outbox.enqueue(
        manager,
        ...delegates.map((delegate) => ({
          kind: NotificationKind.CanvasWriteUp,
          recipient: delegate.email,
          data: { canvasId: canvas.id },
          sendAt: now,
          dedupeKey: this.keys.keyFor(canvas.id, delegate.id),
          eventId: canvas.eventId,
          registrationId: delegate.id,
        })),
      );
    });
  }

  async compose(notification: NotificationOf<NotificationKind.CanvasWriteUp>): Promise<MailMessage | undefined> {
    if (!notification.registrationId) return undefined;
    const [delegate, canvas] = await Promise.all([
      this.repo.recipient(notification.registrationId),
      this.canvases.findCanvas(notification.data.canvasId),
    ]);
    if (!delegate || !canvas) return undefined;
    const m = enGB.canvasConsole;
    const sections = writeUpView(toCanvasResponse(canvas, await this.canvases.listNotes(canvas.id)));
    const paragraphs = [m.writeUpMailIntro(canvas.title)];
    for (const section of sections) {
      const lines = [section.title.toUpperCase()];
      if (section.groups.length === 0) lines.push(m.noNotes);
      for (const group of section.groups) {
        if (group.cluster) lines.push(`${group.cluster} (${m.dots(group.dots)})`);
        for (const note of group.notes) lines.push(`${group.cluster ? '  ' : ''}- ${note.text} (${m.dots(note.dots)})`);
      }
      paragraphs.push(lines.join('\n'));
    }
    const subject = m.writeUpTitle(canvas.title);
    return {
      to: delegate.email,
      subject,
      ...this.renderer.render('message', { subject, name: greetingName(delegate), paragraphs }),
    };
  }
}

declare module '../outbox/notification-payloads.js' {
  interface NotificationPayloads {
    [NotificationKind.CanvasWriteUp]: { canvasId: string };
  }
}
