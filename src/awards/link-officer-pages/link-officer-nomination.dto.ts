import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../platform/http/single-line.js';

/** A link officer's nomination form: the award, the colleague (their registration) and why. */
export class LinkOfficerNominationDto {
  @IsUUID()
  awardId!: string;

  @IsUUID()
  nomineeId!: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1500)
  statement!: string;
}
