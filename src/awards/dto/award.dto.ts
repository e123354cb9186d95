import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';
import { COUNTING_METHODS, type CountingMethod, TIE_POLICIES, type TiePolicy } from '../counting/vote-counting.js';

export class CreateAwardDto {
  @ApiProperty({ example: 'Link Officer of the Year — adults' })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ description: 'Give both nomination times or neither (no delegate nominations).' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  nominationsOpenAt?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  nominationsCloseAt?: Date;

  @ApiProperty({ description: 'After nominations close.' })
  @Type(() => Date)
  @IsDate()
  votingOpensAt!: Date;

  @ApiProperty()
  @Type(() => Date)
  @IsDate()
  votingClosesAt!: Date;

  @ApiPropertyOptional({ enum: COUNTING_METHODS, default: 'plurality', description: '`ranked` is instant runoff.' })
  @IsOptional()
  @IsIn(COUNTING_METHODS)
  method?: CountingMethod;

  @ApiPropertyOptional({
    enum: TIE_POLICIES,
    default: 'shared',
    description:
      '`shared`: tied winners share the award; `casting`: an organiser decides, with a recorded reason. Fixed once voting opens.',
  })
  @IsOptional()
  @IsIn(TIE_POLICIES)
  tiePolicy?: TiePolicy;

  @ApiPropertyOptional({ default: false, description: 'Only delegates checked in at the venue may vote.' })
  @IsOptional()
  @IsBoolean()
  onlyCheckedIn?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Delegates may not vote for a nominee from their own organisation.',
  })
  @IsOptional()
  @IsBoolean()
  excludeOwnOrganisation?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'One ballot per member agency instead of one per delegate: the first of an agency’s delegates to vote casts its ballot; delegates of no agency cannot vote.',
  })
  @IsOptional()
  @IsBoolean()
  oneVotePerAgency?: boolean;
}

/** Method, tie policy, eligibility and the opening times are fixed once voting opens. */
export class UpdateAwardDto extends PartialType(CreateAwardDto) {}
