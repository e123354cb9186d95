import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RegistrationCalls, type RegistrationCall } from '../agenda/pages/registration-call.js';
import { Clock } from '../platform/clock/clock.js';
import { RegistrationAvailabilityRepository, type RegistrationWindow } from './registration-availability.repository.js';

/** A window read is reused this long: the agenda page is read by a whole venue at once. */
const FRESH_MS = 5_000;
const MAX_KEPT = 500;

/**
 * Where registration stands, by the same rules DelegatesService.register applies: a
 * draft takes none, a cancelled event none, then the window (opens, closes — by default at
 * the event's end), then the seats (full means a newcomer joins the waiting list).
 */
export function registrationCall(window: RegistrationWindow, now: Date): RegistrationCall | undefined {
  if (window.status === 'draft') return undefined;
  if (window.status === 'cancelled') return { kind: 'cancelled' };
  if (window.opensAt && now < window.opensAt) return { kind: 'opens', at: window.opensAt };
  if (now >= (window.closesAt ?? window.endsAt)) return { kind: 'closed' };
  return window.confirmed >= window.capacity ? { kind: 'full' } : { kind: 'open' };
}

/** Tells the agenda page (through its hook) and the register page whether one may register. */
@Injectable()
export class RegistrationAvailability implements OnModuleInit {
  private readonly kept = new Map<string, { window: RegistrationWindow | undefined; readAt: number }>();

  constructor(
    private readonly repository: RegistrationAvailabilityRepository,
    private readonly calls: RegistrationCalls,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.calls.provide((eventId) => this.call(eventId));
  }

  /** The call a moment ago (seats are re-counted every few seconds); the window's times are applied now. */
  async call(eventId: string): Promise<RegistrationCall | undefined> {
    const now = this.clock.now();
    let kept = this.kept.get(eventId);
    if (!kept || now.getTime() - kept.readAt > FRESH_MS) {
      if (this.kept.size >= MAX_KEPT) this.kept.clear();
      kept = { window: await this.repository.window(eventId), readAt: now.getTime() };
      this.kept.set(eventId, kept);
    }
    return kept.window ? registrationCall(kept.window, now) : undefined;
  }

  /** Read now, for the register page itself (a person deciding whether to fill in the form). */
  async current(eventId: string): Promise<RegistrationCall | undefined> {
    this.kept.delete(eventId);
    return this.call(eventId);
  }
}
