import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** What a report covers, from its address: `?year=2026` (the current year if not given), or `?event=<id>`. */
export class ReportQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year?: number;

  @IsOptional()
  @IsUUID()
  event?: string;
}
