import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { TypedEmailAddress } from '../../platform/http/email-field.js';
import { SingleLine, Trim } from '../../platform/http/single-line.js';

/** Empty optional text counts as not given. */
const EmptyAsUndefined = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));

export class CreateRegistrationDto {
  @ApiProperty({ example: 'Alex Delegate', maxLength: 200 })
  @SingleLine()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 'alex@network.org',
    description:
      'Kept as typed for sending. One registration per event and mailbox: compared without case, `+tag` or Gmail dots; look-alike and invisible characters are refused.',
  })
  @TypedEmailAddress()
  email!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The member agency (GET /api/agencies). Its name becomes the organisation; without it the organisation text is matched to an agency by name or alias, or kept for an organiser to map.',
  })
  @EmptyAsUndefined()
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({
    example: 'City Council',
    description: 'Counts towards the event’s per-organisation cap (as its agency when it names one).',
  })
  @EmptyAsUndefined()
  @SingleLine()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({ example: 'Policy officer' })
  @EmptyAsUndefined()
  @SingleLine()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @ApiPropertyOptional({ description: 'Seen only by the event’s organisers.', maxLength: 2000 })
  @EmptyAsUndefined()
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessNeeds?: string;

  @ApiPropertyOptional({ description: 'Seen only by the event’s organisers.', maxLength: 2000 })
  @EmptyAsUndefined()
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  dietaryNeeds?: string;

  @ApiProperty({ enum: [true], description: 'Agreement to store these details for the event; must be true.' })
  @Equals(true, { message: 'consent must be true: we can only register you if you agree to us keeping these details' })
  consent!: boolean;
}

export class ResendLinkDto {
  @ApiProperty({ example: 'alex@network.org' })
  @TypedEmailAddress()
  email!: string;
}
