import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Clock } from '../platform/clock/clock.js';
import { newSecretToken } from '../platform/crypto/tokens.js';
import type { Page, PageWindow } from '../platform/http/pagination.js';
import { OutboxService, type RegistrationMail } from '../outbox/outbox.service.js';
import { ScheduleChangeHooks } from '../events/schedule-change.hooks.js';
import {
  type AttendeeResponse,
  type RegistrationCountsResponse,
  toAttendeeResponse,
} from './dto/registration.response.js';
import { ATTENDEE_CSV_COLUMNS, spreadsheetSafe } from './attendee-csv.js';
import { type AttendeeFilter, type AttendeeRow, AttendeesRepository } from './attendees.repository.js';
import { DelegatesRepository } from './delegates.repository.js';
import { RegistrationErasedHooks } from './registration-erased.hooks.js';
import { registrationsError, RegistrationsError } from './registrations.errors.js';
import { type DelegateSignupRow, WorkshopSignupsRepository } from './workshop-signups.repository.js';

export interface DelegateDossier {
  attendee: AttendeeRow;
  workshops: DelegateSignupRow[];
  mail: RegistrationMail[];
}

/** An event's delegates as its organisers see them: the list, its CSV, the counts, one delegate, erasure. */
@Injectable()
export class AttendeesService {
  private readonly logger = new Logger(AttendeesService.name);

  constructor(
    private readonly attendees: AttendeesRepository,
    private readonly registrations: DelegatesRepository,
    private readonly signups: WorkshopSignupsRepository,
    private readonly outbox: OutboxService,
    private readonly scheduleChanges: ScheduleChangeHooks,
    private readonly erased: RegistrationErasedHooks,
    private readonly clock: Clock,
  ) {}

  async list(eventId: string, filter: AttendeeFilter, window: PageWindow): Promise<Page<AttendeeResponse>> {
    const page = await this.attendees.listAttendees(eventId, filter, window);
    return { items: page.items.map(toAttendeeResponse), total: page.total };
  }

  /** The filtered list as CSV with a UTF-8 BOM (so Excel reads the accents), streamed batch by batch. */
  exportCsv(eventId: string, filter: AttendeeFilter): Readable {
    const attendees = this.attendees;
    async function* records() {
      for await (const batch of attendees.attendeeBatches(eventId, filter)) {
        for (const row of batch) yield ATTENDEE_CSV_COLUMNS.map((column) => spreadsheetSafe(row[column.key]));
      }
    }
    const csv = stringify({ bom: true, header: true, columns: ATTENDEE_CSV_COLUMNS.map((c) => c.header) });
    pipeline(Readable.from(records()), csv).catch((error: unknown) => {
      this.logger.error({ err: error, eventId }, 'The registrations export failed part-way');
    });
    return csv;
  }

  async counts(eventId: string): Promise<RegistrationCountsResponse> {
    const [rows, capacity] = await Promise.all([
      this.attendees.countByStatus(eventId),
      this.attendees.eventCapacity(eventId),
    ]);
    const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
    return {
      placesLeft: Math.max(0, (capacity ?? 0) - of('confirmed')),
      confirmed: of('confirmed'),
      waitlisted: of('waitlisted'),
      cancelled: of('cancelled'),
      checkedIn: rows.reduce((sum, row) => sum + row.checkedIn, 0),
      total: rows.reduce((sum, row) => sum + row.n, 0),
    };
  }

  /** Everything an organiser's page about one delegate shows: details, needs, workshops and their mail. */
  async dossier(eventId: string, registrationId: string): Promise<DelegateDossier> {
    const attendee = await this.requireAttendee(eventId, registrationId);
    const [workshops, mail] = await Promise.all([
      this.signups.signupsOf(registrationId),
      this.outbox.forRegistration(registrationId),
    ]);
    return { attendee, workshops, mail };
  }

  async get(eventId: string, registrationId: string): Promise<AttendeeResponse> {
    return toAttendeeResponse(await this.requireAttendee(eventId, registrationId));
  }

  /**
   * Erases a delegate's personal data on request: the fields are replaced, the personal
   * link stops working and unsent mail is cancelled; the status stays, so counts hold. The
   * folders that copied the person's data (canvas, awards) erase theirs in the same transaction.
   */
  async erase(eventId: string, registrationId: string): Promise<void> {
    const now = this.clock.now();
    await this.registrations.transaction(async (manager) => {
      const registration = await this.registrations.lockRegistration(manager, registrationId);
      if (!registration || registration.eventId !== eventId) {
        throw registrationsError(RegistrationsError.RegistrationNotFound, 'The registration was not found.');
      }
      if (registration.erasedAt) return;
      await this.outbox.cancelPendingForRegistration(manager, registration.id);
      await this.erased.announce(manager, {
        eventId,
        registrationId: registration.id,
        name: registration.name,
        email: registration.email,
        organisation: registration.organisation,
      });
      const placeholder = `erased-${registration.id}@erased.invalid`;
      await this.attendees.erase(manager, registration.id, placeholder, now, newSecretToken().hash);
      await this.outbox.scrubForErasure(manager, registration.id, placeholder);
      await this.scheduleChanges.announce(manager, { eventId, registrationId: registration.id });
    });
  }

  private async requireAttendee(eventId: string, registrationId: string): Promise<AttendeeRow> {
    const row = await this.attendees.findAttendee(eventId, registrationId);
    if (!row) throw registrationsError(RegistrationsError.RegistrationNotFound, 'The registration was not found.');
    return row;
  }
}
