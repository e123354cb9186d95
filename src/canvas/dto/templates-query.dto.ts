import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class TemplatesQuery {
  @ApiPropertyOptional({ description: "Also list this event's own templates (its staff only)." })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}
