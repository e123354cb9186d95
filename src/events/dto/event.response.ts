import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_STATUSES, type Event, type EventStatus } from '../event.entity.js';

export class EventResponse {
  @ApiProperty() id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() venue!: string;
  @ApiProperty({ example: 'Europe/London' }) timezone!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() capacity!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) perOrganisationCap!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) registrationOpensAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) registrationClosesAt!: string | null;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: EventStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiProperty({ description: 'Rises with every change to the published agenda.' }) agendaVersion!: number;
  @ApiProperty({ description: 'The public agenda page.' }) agendaUrl!: string;
  @ApiProperty() calendarUrl!: string;
}

export const toEventResponse = (event: Event, appUrl: string): EventResponse => ({
  id: event.id,
  slug: event.slug,
  title: event.title,
  description: event.description,
  venue: event.venue,
  timezone: event.timezone,
  startsAt: event.startsAt.toISOString(),
  endsAt: event.endsAt.toISOString(),
  capacity: event.capacity,
  perOrganisationCap: event.perOrganisationCap,
  registrationOpensAt: event.registrationOpensAt?.toISOString() ?? null,
  registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
  status: event.status,
  publishedAt: event.publishedAt?.toISOString() ?? null,
  agendaVersion: event.agendaVersion,
  agendaUrl: `${appUrl}/events/${event.slug}`,
  calendarUrl: `${appUrl}/api/events/${event.id}/agenda.ics`,
});

export class EventPageResponse {
  @ApiProperty({ type: [EventResponse] }) items!: EventResponse[];
  @ApiProperty() total!: number;
}
