import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SESSION_KINDS, SESSION_STATUSES } from '../agenda-session.entity.js';
import type { AgendaDay, AgendaDocument, AgendaSessionItem, AgendaSpeaker } from '../agenda.view.js';
import { PublicEventSummary } from '../../events/dto/event.response.js';

/** OpenAPI shapes of the agenda document (the document itself is built in agenda.view.ts). */
class AgendaSessionSpeaker {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) organisation!: string | null;
}

class AgendaSessionItemResponse implements AgendaSessionItem {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) abstract!: string | null;
  @ApiProperty({ enum: SESSION_KINDS }) kind!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ example: '09:30', description: 'Wall-clock time in the event’s zone.' }) localStart!: string;
  @ApiProperty({ example: '10:30' }) localEnd!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) room!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) track!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ type: [AgendaSessionSpeaker] }) speakers!: AgendaSessionSpeaker[];
}

class AgendaDayResponse implements AgendaDay {
  @ApiProperty({ example: '2026-03-28', description: 'The date in the event’s zone.' }) date!: string;
  @ApiProperty({ example: 'Saturday 28 March' }) label!: string;
  @ApiProperty({ type: [AgendaSessionItemResponse] }) sessions!: AgendaSessionItemResponse[];
}

class AgendaSpeakerResponse implements AgendaSpeaker {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) organisation!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) jobTitle!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) photoUrl!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) bio!: string | null;
}

export class AgendaResponse implements AgendaDocument {
  @ApiProperty({ type: PublicEventSummary }) event!: PublicEventSummary;
  @ApiProperty({ description: 'Rises with every change; the ETag changes with it.' }) version!: number;
  @ApiProperty({ type: [String] }) rooms!: string[];
  @ApiProperty({ type: [String] }) tracks!: string[];
  @ApiProperty({ type: [AgendaDayResponse] }) days!: AgendaDayResponse[];
  @ApiProperty({ type: [AgendaSpeakerResponse], description: 'Public profiles; never an email.' })
  speakers!: AgendaSpeakerResponse[];
  @ApiProperty() calendarUrl!: string;
  @ApiProperty() pageUrl!: string;
}
