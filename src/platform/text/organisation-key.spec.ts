import { organisationKey, sameOrganisation } from './organisation-key.js';

describe('organisationKey', () => {
  it('folds case, spacing, punctuation and "&"', () => {
    expect(organisationKey('  Leeds  City Council. ')).toBe('leeds city council');
    expect(organisationKey('LEEDS CITY COUNCIL')).toBe('leeds city council');
    expect(organisationKey('Age UK (Leeds) & Partners')).toBe('age uk leeds and partners');
    expect(organisationKey('Ｌｅｅｄｓ')).toBe('leeds');
  });

  it('treats blank text as no organisation', () => {
    expect(organisationKey('  ')).toBeNull();
    expect(organisationKey(null)).toBeNull();
    expect(organisationKey(' - ')).toBeNull();
  });

  it('compares names, never two blanks', () => {
    expect(sameOrganisation('Leeds CC', 'leeds cc.')).toBe(true);
    expect(sameOrganisation('Leeds CC', 'Leeds City Council')).toBe(false);
    expect(sameOrganisation('', ' ')).toBe(false);
  });
});
