import { canonicalEmail } from '../platform/mail/email-address.js';
import { organisationKey } from '../platform/text/organisation-key.js';

/** One agency as a CSV line gives it. Aliases are separated by ";" in their cell. */
export interface AgencyLine {
  line: number;
  name: string;
  aliases: string[];
  region: string | null;
  linkOfficerEmail: string | null;
}

export interface LineError {
  line: number;
  message: string;
}

const COLUMNS = ['name', 'aliases', 'region', 'link_officer_email'] as const;
const MAX_TEXT = 200;
export const MAX_IMPORT_LINES = 2000;

/**
 * The CSV's records (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks),
 * each with the line it starts on. A quote left open is an error on the line it opened.
 */
export function csvRecords(text: string): { records: Array<{ line: number; cells: string[] }> } | LineError {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let quoteLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: startLine, cells });
      cells = [];
      cell = '';
      line++;
      startLine = line;
    } else cell += ch;
  }
  if (quoted) return { line: quoteLine, message: 'a quoted value is not closed' };
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: startLine, cells });
  }
  return { records: records.filter((record) => record.cells.some((value) => value.trim() !== '')) };
}

const singleLine = (value: string | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

/** The agencies in an import file, or every line that is wrong (each with its line number). */
export function parseAgencyCsv(text: string): { lines: AgencyLine[] } | { errors: LineError[] } {
  const parsed = csvRecords(text);
  if ('message' in parsed) return { errors: [parsed] };
  const [header, ...rows] = parsed.records;
  const columns = header?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  const at = Object.fromEntries(COLUMNS.map((column) => [column, columns.indexOf(column)]));
  if (!header || at.name === -1) {
    return {
      errors: [{ line: header?.line ?? 1, message: `the first line must name the columns: ${COLUMNS.join(', ')}` }],
    };
  }
  if (rows.length > MAX_IMPORT_LINES) {
    return {
      errors: [{ line: rows[MAX_IMPORT_LINES].line, message: `at most ${MAX_IMPORT_LINES} agencies per file` }],
    };
  }
  const lines: AgencyLine[] = [];
  const errors: LineError[] = [];
  for (const row of rows) {
    const cell = (column: (typeof COLUMNS)[number]) => (at[column] === -1 ? '' : singleLine(row.cells[at[column]]));
    const name = cell('name');
    const aliases = cell('aliases')
      .split(';')
      .map((alias) => singleLine(alias))
      .filter((alias) => alias !== '');
    const email = cell('link_officer_email');
    const wrong = lineProblem(name, aliases, cell('region'), email);
    if (wrong) errors.push({ line: row.line, message: wrong });
    else
      lines.push({
        line: row.line,
        name,
        aliases,
        region: cell('region') || null,
        linkOfficerEmail: email || null,
      });
  }
  return errors.length > 0 ? { errors } : { lines };
}

function lineProblem(name: string, aliases: string[], region: string, email: string): string | undefined {
  if (!organisationKey(name)) return 'the name is empty';
  if (name.length > MAX_TEXT) return `the name is longer than ${MAX_TEXT} characters`;
  if (aliases.some((alias) => alias.length > MAX_TEXT || !organisationKey(alias))) {
    return `an alias is empty or longer than ${MAX_TEXT} characters`;
  }
  if (region.length > MAX_TEXT) return `the region is longer than ${MAX_TEXT} characters`;
  if (email && (!email.includes('@') || !canonicalEmail(email).ok)) return `"${email}" is not an email address`;
  return undefined;
}
