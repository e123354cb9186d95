import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../platform/clock/clock.js';
import { RegistrationErasedHooks } from '../registrations/registration-erased.hooks.js';
import type { AttendedSession } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';
import { EvidenceError, evidenceError } from './evidence.errors.js';
import { type Reflection, ReflectionsRepository } from './reflections.repository.js';

export interface ReflectionText {
  learned: string;
  applying: string;
}

/** A session the delegate attended, with their reflection on it if they wrote one. */
export interface ReflectedSession {
  session: AttendedSession;
  reflection: Reflection | undefined;
}

/**
 * Reflections on the sessions a delegate attended ("what I learned, how I will use it"): the
 * delegate's own part of their CPD record, reached only through their personal link. Saving
 * both parts empty removes the reflection; erasing the delegate removes them all.
 */
@Injectable()
export class ReflectionsService implements OnModuleInit {
  constructor(
    private readonly reflections: ReflectionsRepository,
    private readonly attendance: AttendanceService,
    private readonly erased: RegistrationErasedHooks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.erased.register((manager, person) => this.reflections.deleteFor(manager, person.registrationId));
  }

  /** Every reflection of the delegate, by session. */
  async bySession(registrationId: string): Promise<Map<string, Reflection>> {
    const all = await this.reflections.forDelegate(registrationId);
    return new Map(all.map((reflection) => [reflection.sessionId, reflection]));
  }

  /** One attended session and its reflection; a session they did not attend is not found. */
  async one(registrationId: string, sessionId: string): Promise<ReflectedSession> {
    const [session, reflections] = await Promise.all([
      this.attendedSession(registrationId, sessionId),
      this.bySession(registrationId),
    ]);
    return { session, reflection: reflections.get(sessionId) };
  }

  /** Saves the reflection; true when it is kept, false when both parts were empty and it is removed. */
  async save(registrationId: string, sessionId: string, text: ReflectionText): Promise<boolean> {
    await this.attendedSession(registrationId, sessionId);
    const learned = text.learned.trim();
    const applying = text.applying.trim();
    if (!learned && !applying) {
      await this.reflections.delete(registrationId, sessionId);
      return false;
    }
    await this.reflections.save(registrationId, { sessionId, learned, applying, updatedAt: this.clock.now() });
    return true;
  }

  private async attendedSession(registrationId: string, sessionId: string): Promise<AttendedSession> {
    const record = await this.attendance.record(registrationId);
    const session = record.sessions.find((attended) => attended.id === sessionId);
    if (!session) throw evidenceError(EvidenceError.SessionNotFound, 'You did not attend that session.');
    return session;
  }
}
