import { Injectable } from '@nestjs/common';

/** Where registration for an event stands, as the agenda page's call to action says it. */
export type RegistrationCall =
  { kind: 'open' } | { kind: 'full' } | { kind: 'opens'; at: Date } | { kind: 'closed' } | { kind: 'cancelled' };

export type RegistrationCallSource = (eventId: string) => Promise<RegistrationCall | undefined>;

/**
 * The hook through which registrations tells the agenda page whether to invite people to
 * register: the agenda comes before registrations on the floor plan, so registrations
 * announces its answer here (at start-up) instead of the agenda page asking it. Without a
 * source (an app without registrations) the page shows no call to action.
 */
@Injectable()
export class RegistrationCalls {
  private source?: RegistrationCallSource;

  provide(source: RegistrationCallSource): void {
    this.source = source;
  }

  for(eventId: string): Promise<RegistrationCall | undefined> {
    return this.source ? this.source(eventId) : Promise.resolve(undefined);
  }
}

/** One key per distinct call, for keeping one rendered page per call. */
export const registrationCallKey = (call: RegistrationCall | undefined): string =>
  call ? (call.kind === 'opens' ? `opens:${call.at.getTime()}` : call.kind) : 'none';
