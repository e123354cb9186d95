import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Trim } from '../../platform/http/single-line.js';

/** `nomineeId` for a plurality award; `ranking` (first preference first) for a ranked one. */
export class CastBallotDto {
  @ApiPropertyOptional({ description: 'The chosen nominee (plurality awards).' })
  @IsOptional()
  @IsUUID()
  nomineeId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Distinct shortlisted nominees, most preferred first (ranked awards).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'ranking must not name the same nominee twice' })
  @IsUUID('all', { each: true })
  ranking?: string[];
}

export class BallotReceiptResponse {
  @ApiProperty({ example: 'K7QM-4XPD-9TRA', description: 'Keep it: it appears, without your name, in the audit list.' })
  receipt!: string;

  @ApiProperty()
  awardId!: string;
}

export class CastingDecisionDto {
  @ApiProperty({ description: 'For a tie for the award, who wins; for a tie for last place, who is eliminated.' })
  @IsUUID()
  nomineeId!: string;

  @ApiProperty({ example: "Chair's casting vote, as set out in the awards rules", maxLength: 1000 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}
