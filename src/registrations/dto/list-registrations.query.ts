import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { SingleLine } from '../../platform/http/single-line.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../registration.entity.js';
import type { AttendeeFilter } from '../attendees.repository.js';

export class ListRegistrationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES, { message: `status must be one of ${REGISTRATION_STATUSES.join(', ')}` })
  status?: RegistrationStatus;

  @ApiPropertyOptional({ description: 'Part of a name, email or organisation.', maxLength: 200 })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Checked in at the event’s door, or not.' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'checkedIn must be true or false' })
  checkedIn?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Only those signed up (place or queue) for this workshop.' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv streams the whole filtered list (limit/offset ignored).',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

/** The repository's filter from a validated query (the API's and the delegates page's). */
export const attendeeFilter = (query: ListRegistrationsQuery): AttendeeFilter => ({
  status: query.status,
  q: query.q,
  ...(query.checkedIn ? { checkedIn: query.checkedIn === 'true' } : {}),
  ...(query.sessionId ? { sessionId: query.sessionId } : {}),
});
