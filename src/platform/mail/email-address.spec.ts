import { canonicalEmail, INVISIBLE_REFUSED, LOOKALIKE_REFUSED, maskedEmail } from './email-address.js';

const canonical = (typed: string) => {
  const result = canonicalEmail(typed);
  if (!result.ok) throw new Error(result.reason);
  return result.canonical;
};

describe('canonicalEmail', () => {
  it('folds case, surrounding space, +tags and compatibility forms into one mailbox', () => {
    const forms = [
      'jo@example.org',
      '  Jo@Example.ORG ',
      'jo+events@example.org',
      'JO+a+b@example.org',
      'ｊｏ@example.org', // full-width letters
      'jo@example.org.',
    ];
    expect(new Set(forms.map(canonical))).toEqual(new Set(['jo@example.org']));
  });

  it('ignores dots at Gmail only, where Gmail ignores them', () => {
    expect(canonical('J.O.Smith+x@googlemail.com')).toBe('josmith@gmail.com');
    expect(canonical('jo.smith@gmail.com')).toBe('josmith@gmail.com');
    expect(canonical('jo.smith@example.org')).toBe('jo.smith@example.org');
  });

  it('keeps accented Latin letters, lower-cased', () => {
    expect(canonical('Zoë.Ångström@Exämple.org')).toBe('zoë.ångström@exämple.org');
  });

  it('refuses invisible characters', () => {
    for (const typed of [
      'jo\u200b@example.org',
      'j\u200do@example.org',
      'jo\u00ad@example.org',
      '\u202ejo@example.org',
    ]) {
      expect(canonicalEmail(typed)).toEqual({ ok: false, reason: INVISIBLE_REFUSED });
    }
  });

  it('refuses look-alike letters from other alphabets and stray combining marks', () => {
    for (const typed of [
      '\u0430lex@example.org',
      'alex@ex\u0430mple.org',
      'ale\u03c7@example.org',
      'a\u0131ex@example.org',
      'jo\u0307@example.org',
    ]) {
      expect(canonicalEmail(typed)).toEqual({ ok: false, reason: LOOKALIKE_REFUSED });
    }
  });

  it('keeps a local part that is only a tag', () => {
    expect(canonical('+news@example.org')).toBe('+news@example.org');
  });
});

describe('maskedEmail', () => {
  it('shows the first character and the domain only', () => {
    expect(maskedEmail(' Jo.Smith@Example.org ')).toBe('J…@Example.org');
    expect(maskedEmail('é@example.org')).toBe('é…@example.org');
  });
});
