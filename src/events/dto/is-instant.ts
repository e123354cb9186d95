import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** An ISO-8601 date-time with a time zone offset (or Z), e.g. 2026-03-28T09:00:00+00:00. */
export const IsInstant = (): PropertyDecorator =>
  applyDecorators(
    IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 date-time, e.g. 2026-03-28T09:00:00Z' }),
    Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i, {
      message: '$property must include a time and a time zone offset (Z or +01:00)',
    }),
  );
