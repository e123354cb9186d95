import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PublicSpeakerResponse, toPublicSpeakerResponse } from './speaker.response.js';
import {
  SESSION_KINDS,
  SESSION_STATUSES,
  type AgendaSession,
  type SessionKind,
  type SessionStatus,
} from '../agenda-session.entity.js';

export class SessionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) abstract!: string | null;
  @ApiProperty({ enum: SESSION_KINDS }) kind!: SessionKind;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) room!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) track!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ description: 'iCalendar SEQUENCE; rises with each change after publishing.' }) sequence!: number;
  @ApiProperty({ type: [PublicSpeakerResponse] }) speakers!: PublicSpeakerResponse[];
}

export const toSessionResponse = (session: AgendaSession): SessionResponse => ({
  id: session.id,
  eventId: session.eventId,
  title: session.title,
  abstract: session.abstract,
  kind: session.kind,
  startsAt: session.startsAt.toISOString(),
  endsAt: session.endsAt.toISOString(),
  room: session.room,
  track: session.track,
  capacity: session.capacity,
  status: session.status,
  sequence: session.sequence,
  speakers: [...(session.speakers ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map(toPublicSpeakerResponse),
});
