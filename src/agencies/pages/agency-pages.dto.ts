import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SingleLine } from '../../platform/http/single-line.js';
import { AGENCY_KINDS, type AgencyKind } from '../agency.entity.js';

export const MAX_CSV_CHARS = 1_000_000;

export class ImportAgenciesDto {
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CSV_CHARS)
  csv!: string;

  @IsIn(['check', 'apply'])
  action!: 'check' | 'apply';
}

export class EditAgencyDto {
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** Semicolon-separated, as on the list page and in the CSV. */
  @SingleLine()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  aliases?: string;

  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @SingleLine()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string;

  @Transform(({ value }: { value: unknown }) => value === 'yes')
  @IsBoolean()
  active!: boolean;
}

export class MapOrganisationDto {
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation!: string;

  /** The agency it means; absent with `add`. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  /** "new": add the text as an agency of its own. */
  @IsOptional()
  @IsIn(['new'])
  add?: 'new';
}
