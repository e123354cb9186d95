import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_STATUSES, type Event, type EventStatus } from '../event.entity.js';
import { eventUrls } from '../event-urls.js';

/** What the public sees of an event wherever it appears (the event itself, its agenda). */
export class PublicEventSummary {
  @ApiProperty() id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() venue!: string;
  @ApiProperty({ example: 'Europe/London' }) timezone!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: EventStatus;
}

export const toPublicEventSummary = (event: Event): PublicEventSummary => ({
  id: event.id,
  slug: event.slug,
  title: event.title,
  description: event.description,
  venue: event.venue,
  timezone: event.timezone,
  startsAt: event.startsAt.toISOString(),
  endsAt: event.endsAt.toISOString(),
  status: event.status,
});

export class EventResponse extends PublicEventSummary {
  @ApiProperty() capacity!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) perOrganisationCap!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) registrationOpensAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) registrationClosesAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiProperty({ description: 'Rises with every change to the published agenda.' }) agendaVersion!: number;
  @ApiProperty({ description: 'The public agenda page.' }) agendaUrl!: string;
  @ApiProperty() calendarUrl!: string;
}

export function toEventResponse(event: Event, appUrl: string): EventResponse {
  const urls = eventUrls(appUrl, event);
  return {
    ...toPublicEventSummary(event),
    capacity: event.capacity,
    perOrganisationCap: event.perOrganisationCap,
    registrationOpensAt: event.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
    publishedAt: event.publishedAt?.toISOString() ?? null,
    agendaVersion: event.agendaVersion,
    agendaUrl: urls.agendaPage,
    calendarUrl: urls.calendarFeed,
  };
}

export class EventPageResponse {
  @ApiProperty({ type: [EventResponse] }) items!: EventResponse[];
  @ApiProperty() total!: number;
}
