import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from './notification-kind.js';
import type { OutboxEntry } from './outbox-entry.js';
import { OutboxRepository, type PendingToPostpone, type RegistrationMail } from './outbox.repository.js';

export type { RegistrationMail } from './outbox.repository.js';

export type { OutboxEntry } from './outbox-entry.js';

/**
 * Writes emails into the outbox inside the caller's transaction, so an email exists
 * exactly when the change that causes it commits.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly repo: OutboxRepository) {}

  /** Returns how many rows were new (0 when the dedupe key already existed). */
  enqueue<K extends NotificationKind>(manager: EntityManager, ...entries: Array<OutboxEntry<K>>): Promise<number> {
    return entries.length === 0 ? Promise.resolve(0) : this.repo.enqueue(manager, entries);
  }

  /** How many emails of a kind were due for a registration since a moment (any status). */
  countSince(manager: EntityManager, registrationId: string, kind: NotificationKind, since: Date): Promise<number> {
    return this.repo.countSince(manager, registrationId, kind, since);
  }

  /** Cancels what has not gone out yet for a registration (e.g. it was cancelled). */
  cancelPendingForRegistration(
    manager: EntityManager,
    registrationId: string,
    kinds?: NotificationKind[],
  ): Promise<number> {
    return this.repo.cancelPendingForRegistration(manager, registrationId, kinds);
  }

  /** Pushes back pending emails of a debounced kind; returns the data of those it moved. */
  postponePending(manager: EntityManager, pending: PendingToPostpone): Promise<Array<Record<string, unknown>>> {
    return this.repo.postponePending(manager, pending);
  }

  /** How many of the event's emails of these kinds wait to be sent (a debounce holds them), and the soonest. */
  pendingOfKinds(eventId: string, kinds: NotificationKind[]): Promise<{ count: number; nextAt: Date | null }> {
    return this.repo.pendingOfKinds(eventId, kinds);
  }

  /** The emails addressed to one delegate, newest first. */
  forRegistration(registrationId: string): Promise<RegistrationMail[]> {
    return this.repo.forRegistration(registrationId);
  }

  /** Replaces an erased delegate's address and data in the mail kept for them, in the caller's transaction. */
  scrubForErasure(manager: EntityManager, registrationId: string, placeholder: string): Promise<void> {
    return this.repo.scrubForErasure(manager, registrationId, placeholder);
  }
}
