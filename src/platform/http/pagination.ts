import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Hard ceiling for ?limit=; the configured PAGE_SIZE_MAX (≤ this) caps it further. */
export const PAGE_LIMIT_CEILING = 500;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMIT_CEILING, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_CEILING)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageWindow {
  limit: number;
  offset: number;
}

export const pageWindow = (query: PageQuery, pageSizeMax: number): PageWindow => ({
  limit: Math.min(query.limit ?? 50, pageSizeMax),
  offset: query.offset ?? 0,
});
