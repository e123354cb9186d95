import { parseAgencyCsv } from './agency-csv.js';
import { planImport } from './agency-import.js';

const lines = (csv: string) => {
  const parsed = parseAgencyCsv(csv);
  if ('errors' in parsed) throw new Error(JSON.stringify(parsed.errors));
  return parsed.lines;
};

describe('agency import', () => {
  const header = 'name,aliases,region,link_officer_email\n';

  it('reads quoted cells, aliases and blank lines', () => {
    const parsed = lines(`${header}"Leeds City Council","Leeds CC; LCC",Yorkshire,lo@leeds.gov.uk\n\nAge UK,,,\n`);
    expect(parsed).toEqual([
      {
        line: 2,
        name: 'Leeds City Council',
        aliases: ['Leeds CC', 'LCC'],
        region: 'Yorkshire',
        linkOfficerEmail: 'lo@leeds.gov.uk',
      },
      { line: 4, name: 'Age UK', aliases: [], region: null, linkOfficerEmail: null },
    ]);
  });

  it('reports every bad line with its number, and a missing header', () => {
    expect(parseAgencyCsv(`${header}Good,,,\n,x,,\nBad mail,,,not-an-address\n`)).toEqual({
      errors: [
        { line: 3, message: 'the name is empty' },
        { line: 4, message: '"not-an-address" is not an email address' },
      ],
    });
    expect(parseAgencyCsv('Leeds,Yorkshire\n')).toMatchObject({ errors: [{ line: 1 }] });
    expect(parseAgencyCsv(`${header}"Leeds,,,\n`)).toEqual({
      errors: [{ line: 2, message: 'a quoted value is not closed' }],
    });
  });

  it('matches existing agencies by name or alias, merges duplicates and refuses an alias naming two agencies', () => {
    const known = [
      { id: 'a', name: 'Leeds City Council', aliases: ['Leeds CC'], region: null, linkOfficerEmail: null },
    ];
    const plan = planImport(
      lines(`${header}leeds city council.,LCC,Yorkshire,\nNew Trust,,,\nNEW TRUST,NT,,\nLeeds CC,,,\n`),
      known,
    );
    expect(plan.updates).toEqual([
      expect.objectContaining({
        id: 'a',
        aliases: ['Leeds CC', 'LCC'],
        region: 'Yorkshire',
        lines: [2, 5],
        changes: ['aliases', 'region'],
      }),
    ]);
    expect(plan.creates).toEqual([expect.objectContaining({ name: 'New Trust', aliases: ['NT'], lines: [3, 4] })]);
    expect(plan.merged).toEqual([
      { line: 4, into: 'New Trust', firstLine: 3 },
      { line: 5, into: 'Leeds City Council', firstLine: 2 },
    ]);
    expect(plan.errors).toEqual([]);
    const conflict = planImport(lines(`${header}Other Council,Leeds CC,,\n`), known);
    expect(conflict.errors).toEqual([{ line: 2, message: 'the alias "Leeds CC" already names Leeds City Council' }]);
  });
});
