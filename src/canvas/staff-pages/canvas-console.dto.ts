import { IsIn, IsOptional } from 'class-validator';

/** A yes/no a console button posts (hidden fields: the page draws them, so anything else is a bad form). */
export class YesNoFields {
  @IsOptional()
  @IsIn(['yes', 'no'])
  hidden?: string;

  @IsOptional()
  @IsIn(['yes', 'no'])
  writePrivately?: string;

  @IsOptional()
  @IsIn(['yes', 'no'])
  hideAuthors?: string;

  @IsOptional()
  @IsIn(['yes', 'no'])
  revealed?: string;
}

export const yesNo = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : value === 'yes';
