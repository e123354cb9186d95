import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../../registration.entity.js';
import type { DoorDelegate } from '../check-in.repository.js';

/** A delegate as the door sees them: no email, no needs. */
export class DoorDelegateResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) organisation!: string | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: RegistrationStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'At this door.' }) checkedInAt!: string | null;
  @ApiProperty({ description: 'At a workshop’s door: whether they hold a place in it.' }) hasPlace!: boolean;
}

export class DoorCountResponse {
  @ApiProperty() checkedIn!: number;
  @ApiProperty({ description: 'Confirmed delegates (or, at a workshop’s door, its confirmed places).' })
  expected!: number;
}

export class CheckInSearchResponse extends DoorCountResponse {
  @ApiProperty({ type: [DoorDelegateResponse] }) items!: DoorDelegateResponse[];
}

export class DoorCheckInResponse {
  @ApiProperty({ type: DoorDelegateResponse }) delegate!: DoorDelegateResponse;
  @ApiProperty({ description: 'True when they were already checked in at this door (nothing changed).' })
  alreadyCheckedIn!: boolean;
}

export const toDoorDelegateResponse = (row: DoorDelegate): DoorDelegateResponse => ({
  id: row.id,
  name: row.name,
  organisation: row.organisation,
  status: row.status,
  checkedInAt: row.checkedInAt ? new Date(row.checkedInAt).toISOString() : null,
  hasPlace: row.hasPlace,
});
