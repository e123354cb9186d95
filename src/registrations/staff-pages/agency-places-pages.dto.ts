import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

export const PLACES_FIELDS = ['agencyId', 'places', 'kind'] as const;
export const RELEASE_FIELDS = ['releaseAt'] as const;
export const PLACE_KINDS = ['reserved', 'up_to'] as const;

/** One agency's places, as the page's form posts them (text fields). */
export class AgencyPlacesForm {
  @IsUUID()
  agencyId!: string;

  @Matches(/^[1-9][0-9]{0,4}$/)
  places!: string;

  @IsIn(PLACE_KINDS)
  kind!: (typeof PLACE_KINDS)[number];
}

/** The release date, read in the event's zone (fromLocalInput); empty keeps the places until the event. */
export class AgencyPlacesReleaseForm {
  @IsOptional()
  @IsISO8601({ strict: true })
  releaseAt?: string;
}
