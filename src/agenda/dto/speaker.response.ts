import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Speaker } from '../speaker.entity.js';

/** What anyone may see of a speaker: never the email. */
export class PublicSpeakerResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) bio!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) organisation!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) jobTitle!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) photoUrl!: string | null;
}

/** What the event's organisers see, including the private email. */
export class SpeakerResponse extends PublicSpeakerResponse {
  @ApiProperty() eventId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email!: string | null;
}

export const toPublicSpeakerResponse = (speaker: Speaker): PublicSpeakerResponse => ({
  id: speaker.id,
  name: speaker.name,
  bio: speaker.bio,
  organisation: speaker.organisation,
  jobTitle: speaker.jobTitle,
  photoUrl: speaker.photoUrl,
});

export const toSpeakerResponse = (speaker: Speaker): SpeakerResponse => ({
  ...toPublicSpeakerResponse(speaker),
  eventId: speaker.eventId,
  email: speaker.email,
});
