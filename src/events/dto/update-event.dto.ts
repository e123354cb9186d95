import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { CreateEventDto } from './create-event.dto.js';

/** Any field of the event; null clears the registration window or the per-organisation cap. */
export class UpdateEventDto extends PartialType(CreateEventDto) {
  @ApiPropertyOptional({
    description:
      'Reschedule: every session moves by as much as startsAt does, in the same transaction (the calendar ' +
      'feed, reminders and change emails follow). Without it, new dates that leave sessions outside are refused.',
  })
  @IsOptional()
  @IsBoolean({ message: 'moveSessions must be true or false' })
  moveSessions?: boolean;
}
