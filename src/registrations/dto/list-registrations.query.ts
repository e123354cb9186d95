import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SingleLine } from '../../platform/http/single-line.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../registration.entity.js';

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

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv streams the whole filtered list (limit/offset ignored).',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}
