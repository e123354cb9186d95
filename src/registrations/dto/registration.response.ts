import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../registration.entity.js';
import type { AttendeeRow } from '../attendees.repository.js';
import type { DelegateSignupRow, SignupRow } from '../workshop-signups.repository.js';
import { SIGNUP_STATUSES, type SignupStatus } from '../session-signup.entity.js';

export class RegistrationAcceptedResponse {
  @ApiProperty({
    example: 'We have emailed the link to j…@example.org; it says whether you have a place.',
    description:
      'The same for a new address and for one already registered (its owner is emailed their link). ' +
      'The place and the personal link are in the email only.',
  })
  message!: string;
}

export class WorkshopSignupResponse {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ enum: SIGNUP_STATUSES }) status!: SignupStatus;
  @ApiPropertyOptional() waitlistPosition?: number;
}

export class DelegateWorkshopResponse extends WorkshopSignupResponse {
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) room!: string | null;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) sessionStatus!: string;
}

export class DelegateEventResponse {
  @ApiProperty() id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() venue!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() status!: string;
}

/** A delegate's own registration: their own data, never anyone else's. */
export class MyRegistrationResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiPropertyOptional() waitlistPosition?: number;
  @ApiPropertyOptional() waitlistReason?: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) organisation!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jobTitle!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) accessNeeds!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dietaryNeeds!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) checkedInAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: DelegateEventResponse }) event!: DelegateEventResponse;
  @ApiProperty({ type: [DelegateWorkshopResponse] }) workshops!: DelegateWorkshopResponse[];
  @ApiProperty({ description: 'iCalendar of the event’s agenda (subscribe or download).' }) calendarUrl!: string;
}

/** What organisers see, including access and dietary needs. */
export class AttendeeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) organisation!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) jobTitle!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) accessNeeds!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dietaryNeeds!: string | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiPropertyOptional({ nullable: true, type: Number }) waitlistPosition!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) waitlistReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) checkedInAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) checkedInById!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) erasedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class AttendeePageResponse {
  @ApiProperty({ type: [AttendeeResponse] }) items!: AttendeeResponse[];
  @ApiProperty() total!: number;
}

export class CheckInResponse extends AttendeeResponse {
  @ApiProperty({ description: 'True when the delegate had already been checked in (nothing changed).' })
  alreadyCheckedIn!: boolean;
}

export class FillFreeSeatsResponse {
  @ApiProperty({ description: 'How many on the waiting list got a place (each is emailed).' }) promoted!: number;
}

export class RegistrationCountsResponse {
  @ApiProperty({ description: 'Seats not yet confirmed to anyone (capacity minus confirmed, never below 0).' })
  placesLeft!: number;
  @ApiProperty() confirmed!: number;
  @ApiProperty() waitlisted!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() checkedIn!: number;
  @ApiProperty() total!: number;
}

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

export const toAttendeeResponse = (row: AttendeeRow): AttendeeResponse => ({
  id: row.id,
  name: row.name,
  email: row.email,
  organisation: row.organisation,
  jobTitle: row.jobTitle,
  accessNeeds: row.accessNeeds,
  dietaryNeeds: row.dietaryNeeds,
  status: row.status,
  waitlistPosition: row.waitlistPosition,
  waitlistReason: row.waitlistReason,
  checkedInAt: iso(row.checkedInAt),
  checkedInById: row.checkedInById,
  cancelledAt: iso(row.cancelledAt),
  erasedAt: iso(row.erasedAt),
  createdAt: iso(row.createdAt)!,
});

export const toWorkshopSignupResponse = (row: SignupRow): WorkshopSignupResponse => ({
  sessionId: row.sessionId,
  status: row.status,
  ...(row.waitlistPosition ? { waitlistPosition: row.waitlistPosition } : {}),
});

export const toDelegateWorkshopResponse = (row: DelegateSignupRow): DelegateWorkshopResponse => ({
  ...toWorkshopSignupResponse(row),
  title: row.title,
  startsAt: iso(row.startsAt)!,
  endsAt: iso(row.endsAt)!,
  room: row.room,
  sessionStatus: row.sessionStatus,
});
