import { BadRequestException } from '@nestjs/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { VALIDATOR_OPTIONS } from '../http/validation.js';

/** What a form template needs: the values to show again, and a message per field in error. */
export interface FormView {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The same messages in the form's field order, for the summary at the top. */
  summary: Array<{ field: string; text: string }>;
}

/**
 * A form's words for its fields' failures: per field, per class-validator constraint name
 * (`isEmail`, `maxLength`, …), with `default` for any other constraint of that field.
 */
export type FieldMessages = Record<string, Partial<Record<string, string>> & { default: string }>;

export const blankForm = (values: Record<string, string> = {}): FormView => ({ values, errors: {}, summary: [] });

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: ValidationError[] };

/** Validates a plain object with a DTO exactly as the API's ValidationPipe does (same options, same transforms). */
export async function validateAs<T extends object>(dto: ClassConstructor<T>, plain: object): Promise<Validated<T>> {
  const value = plainToInstance(dto, plain);
  const errors = await validate(value, VALIDATOR_OPTIONS);
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

/** Field path → the first failed constraint's name, nested properties as `parent.child`. */
export function failedConstraints(errors: ValidationError[], prefix = ''): Map<string, string> {
  const failed = new Map<string, string>();
  for (const error of errors) {
    const path = prefix + error.property;
    const first = Object.keys(error.constraints ?? {})[0];
    if (first && !failed.has(path)) failed.set(path, first);
    for (const [child, constraint] of failedConstraints(error.children ?? [], `${path}.`))
      failed.set(child, constraint);
  }
  return failed;
}

/**
 * The form again with its input and a message beside each failed field. `fields` gives the
 * order on the page (so the summary reads top to bottom); a failure on a field the form does
 * not show is reported on the form's first field with `fallback`, never dropped.
 */
export function formWithErrors(
  values: Record<string, string>,
  errors: ValidationError[],
  messages: FieldMessages,
  fields: readonly string[],
  fallback: string,
): FormView {
  const failed = failedConstraints(errors);
  const form = blankForm(values);
  for (const field of fields) {
    const constraint = failed.get(field);
    if (!constraint) continue;
    const words = messages[field];
    addError(form, field, words?.[constraint] ?? words?.default ?? '');
    failed.delete(field);
  }
  for (const [field] of failed) addError(form, fields[0] ?? field, messages[field]?.default ?? fallback);
  return form;
}

/** Adds one message to a field (a refusal from the rules rather than the DTO, e.g. a full event). */
export function addError(form: FormView, field: string, text: string): FormView {
  if (!text || form.errors[field]) return form;
  form.errors[field] = text;
  form.summary.push({ field, text });
  return form;
}

/** Picks the named string fields from a parsed form body (anything else in it is ignored). */
export function formValues(body: unknown, fields: readonly string[]): Record<string, string> {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = source[field];
    if (typeof value === 'string') values[field] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') values[field] = value[0];
  }
  return values;
}

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
