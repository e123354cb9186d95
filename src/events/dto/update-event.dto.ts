import { PartialType } from '@nestjs/swagger';
import { CreateEventDto } from './create-event.dto.js';

/** Any field of the event; null clears the registration window or the per-organisation cap. */
export class UpdateEventDto extends PartialType(CreateEventDto) {}
