import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { addError, blankForm, formValues, formWithErrors, validateAs } from './form.js';

class SignupDto {
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(10)
  name!: string;

  @IsEmail()
  email!: string;

  @IsOptional()
  @IsString()
  note?: string;
}

const messages = {
  name: { minLength: 'Enter your name', maxLength: 'Your name is too long', default: 'Check your name' },
  email: { default: 'Enter an email address' },
};

describe('page forms', () => {
  it('validates with the API’s options: unknown fields are refused, as the API refuses them', async () => {
    const result = await validateAs(SignupDto, { name: 'Ana', email: 'ana@example.org', extra: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.property)).toEqual(['extra']);
    await expect(validateAs(SignupDto, { name: 'Ana', email: 'ana@example.org' })).resolves.toMatchObject({
      ok: true,
      value: { name: 'Ana' },
    });
  });

  it('puts each failed constraint’s message beside its field and in the summary, in the form’s order', async () => {
    const values = { email: 'nope', name: '' };
    const result = await validateAs(SignupDto, values);
    if (result.ok) throw new Error('expected errors');
    const form = formWithErrors(values, result.errors, messages, ['name', 'email'], 'Check this answer.');
    expect(form.errors).toEqual({ name: 'Enter your name', email: 'Enter an email address' });
    expect(form.summary.map((s) => s.field)).toEqual(['name', 'email']);
    // The input is kept, as typed.
    expect(form.values).toEqual(values);
  });

  it('picks the constraint’s own message when the catalogue has one', async () => {
    const result = await validateAs(SignupDto, { name: 'x'.repeat(11), email: 'a@example.org' });
    if (result.ok) throw new Error('expected errors');
    expect(formWithErrors({}, result.errors, messages, ['name', 'email'], '?').errors.name).toBe(
      'Your name is too long',
    );
  });

  it('never drops a failure on a field the form does not show: it lands on the first field', async () => {
    const result = await validateAs(SignupDto, { name: 'Ana', email: 'a@example.org', note: 5 });
    if (result.ok) throw new Error('expected errors');
    const form = formWithErrors({}, result.errors, messages, ['name', 'email'], 'Check this answer.');
    expect(form.summary).toEqual([{ field: 'name', text: 'Check this answer.' }]);
  });

  it('adds a refusal from the rules once per field', () => {
    const form = addError(addError(blankForm(), 'email', 'First'), 'email', 'Second');
    expect(form.summary).toEqual([{ field: 'email', text: 'First' }]);
  });

  it('reads only the named string fields of a parsed body', () => {
    expect(
      formValues({ name: 'Ana', email: ['a@x.org', 'b@x.org'], other: 'x', n: 5 }, ['name', 'email', 'n']),
    ).toEqual({
      name: 'Ana',
      email: 'a@x.org',
    });
    expect(formValues(undefined, ['name'])).toEqual({});
  });
});
