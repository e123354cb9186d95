import { IsString, MaxLength } from 'class-validator';

/** A delegate's reflection on a session, as its form posts it (either part may be empty). */
export class ReflectionDto {
  @IsString()
  @MaxLength(2000)
  learned!: string;

  @IsString()
  @MaxLength(2000)
  applying!: string;
}

export const REFLECTION_FIELDS = ['learned', 'applying'] as const;
