import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AwardNomination } from '../award-nomination.entity.js';
import type { AwardNominee } from '../award-nominee.entity.js';
import type { Award } from '../award.entity.js';
import type { CountingMethod, TiePolicy } from '../counting/vote-counting.js';
import { AwardResults } from './award-results.response.js';

export const AWARD_PHASES = ['upcoming', 'nominating', 'shortlisting', 'voting', 'closed', 'published'] as const;
export type AwardPhase = (typeof AWARD_PHASES)[number];

/** What decides an award's phase (an Award fits). */
export type AwardWindows = Pick<
  Award,
  'resultsPublishedAt' | 'votingOpensAt' | 'votingClosesAt' | 'nominationsOpenAt' | 'nominationsCloseAt'
>;

export function awardPhase(award: AwardWindows, now: Date): AwardPhase {
  if (award.resultsPublishedAt) return 'published';
  if (now >= award.votingClosesAt) return 'closed';
  if (now >= award.votingOpensAt) return 'voting';
  if (award.nominationsOpenAt && award.nominationsCloseAt) {
    if (now < award.nominationsOpenAt) return 'upcoming';
    if (now < award.nominationsCloseAt) return 'nominating';
  }
  return 'shortlisting';
}

export class NomineeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) organisation!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) citation!: string | null;
}

export const toNomineeResponse = (nominee: AwardNominee): NomineeResponse => ({
  id: nominee.id,
  name: nominee.name,
  organisation: nominee.organisation,
  citation: nominee.citation,
});

export class AwardResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ type: Date, nullable: true }) nominationsOpenAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) nominationsCloseAt!: Date | null;
  @ApiProperty() votingOpensAt!: Date;
  @ApiProperty() votingClosesAt!: Date;
  @ApiProperty({ enum: ['plurality', 'ranked'] }) method!: CountingMethod;
  @ApiProperty({ enum: ['shared', 'casting'] }) tiePolicy!: TiePolicy;
  @ApiProperty() onlyCheckedIn!: boolean;
  @ApiProperty() excludeOwnOrganisation!: boolean;
  @ApiProperty() oneVotePerAgency!: boolean;
  @ApiProperty({ enum: AWARD_PHASES }) phase!: AwardPhase;
  @ApiPropertyOptional({ type: Date, nullable: true }) resultsPublishedAt!: Date | null;
  @ApiProperty({ type: [NomineeResponse] }) nominees!: NomineeResponse[];
  @ApiPropertyOptional({
    description: 'Present only once the results are published.',
    nullable: true,
    type: () => AwardResults,
  })
  results!: AwardResults | null;
}

export function toAwardResponse(award: Award, nominees: AwardNominee[], now: Date): AwardResponse {
  return {
    id: award.id,
    eventId: award.eventId,
    title: award.title,
    description: award.description,
    nominationsOpenAt: award.nominationsOpenAt,
    nominationsCloseAt: award.nominationsCloseAt,
    votingOpensAt: award.votingOpensAt,
    votingClosesAt: award.votingClosesAt,
    method: award.method,
    tiePolicy: award.tiePolicy,
    onlyCheckedIn: award.onlyCheckedIn,
    excludeOwnOrganisation: award.excludeOwnOrganisation,
    oneVotePerAgency: award.oneVotePerAgency,
    phase: awardPhase(award, now),
    resultsPublishedAt: award.resultsPublishedAt,
    nominees: nominees.map(toNomineeResponse),
    // Only the snapshot taken at publishing is ever shown here.
    results: award.resultsPublishedAt ? award.publishedResults : null,
  };
}

export class NominationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() nomineeName!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) nomineeOrganisation!: string | null;
  @ApiProperty() statement!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The nominating delegate, or “Link officer, <agency>” for an agency’s link officer (organisers only).',
  })
  nominatedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) mergedIntoId!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class NominationPageResponse {
  @ApiProperty({ type: [NominationResponse] }) items!: NominationResponse[];
  @ApiProperty() total!: number;
}

export const toNominationResponse = (nomination: AwardNomination, nominatedBy: string | null): NominationResponse => ({
  id: nomination.id,
  nomineeName: nomination.nomineeName,
  nomineeOrganisation: nomination.nomineeOrganisation,
  statement: nomination.statement,
  nominatedBy,
  mergedIntoId: nomination.mergedIntoId,
  createdAt: nomination.createdAt,
});
