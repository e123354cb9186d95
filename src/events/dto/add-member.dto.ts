import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import { LowerCaseTrim } from '../../platform/http/single-line.js';
import { EVENT_ROLES, type EventRole } from '../../identity/event-member.entity.js';

export class AddMemberDto {
  @ApiProperty({ example: 'facilitator@network.org', description: 'The email of an existing staff account.' })
  @LowerCaseTrim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: EVENT_ROLES })
  @IsIn(EVENT_ROLES, { message: 'role must be organiser or facilitator' })
  role!: EventRole;
}

export class MemberResponse {
  @ApiProperty() eventId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: EVENT_ROLES }) role!: EventRole;
}
