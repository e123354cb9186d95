import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SingleLine, Trim } from '../../platform/http/single-line.js';

export class CreateNominationDto {
  @ApiProperty({ example: 'David Smith' })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nomineeName!: string;

  @ApiPropertyOptional({ example: 'Northside Primary Care Network' })
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(200)
  nomineeOrganisation?: string;

  @ApiProperty({ maxLength: 1500, description: 'Why this colleague deserves the award.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1500)
  statement!: string;
}

export class MergeNominationDto {
  @ApiProperty({ description: 'The nomination this one duplicates; it stays, this one is folded into it.' })
  @IsUUID()
  intoNominationId!: string;
}

export class CreateNomineeDto {
  @ApiPropertyOptional({
    description: 'Required unless fromNominationId is given (then it defaults to the nominee named there).',
  })
  @ValidateIf((dto: CreateNomineeDto) => dto.name !== undefined || dto.fromNominationId === undefined)
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @SingleLine()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({ description: 'Shown on the public award page.', maxLength: 3000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(3000)
  citation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  fromNominationId?: string;
}
