import { BadRequestException } from '@nestjs/common';
import { validateAs } from '../../platform/web/form.js';

/**
 * A staff page's own fields (address or form) as its DTO reads them: a blank one (the
 * "any" choice of a filter, an empty search) is a field not given. Anything else wrong was
 * not drawn by the page: a plain 400 page, nothing changed.
 */
export async function pageFields<T extends object>(dto: new () => T, values: Record<string, string>): Promise<T> {
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
  const input = await validateAs(dto, given);
  if (!input.ok) throw new BadRequestException('The form was not filled in as the page draws it.');
  return input.value;
}
