import { PickType } from '@nestjs/swagger';
import { CreateRegistrationDto } from './create-registration.dto.js';

/** What a delegate may change about themselves: the registration's own fields and rules, less the email and consent. */
export class MyDetailsDto extends PickType(CreateRegistrationDto, [
  'name',
  'organisation',
  'jobTitle',
  'accessNeeds',
  'dietaryNeeds',
] as const) {}
