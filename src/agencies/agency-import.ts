import { organisationKey } from '../platform/text/organisation-key.js';
import type { AgencyLine, LineError } from './agency-csv.js';

/** What an import needs to know of an agency already on the list. */
export interface KnownAgency {
  id: string;
  name: string;
  aliases: string[];
  region: string | null;
  linkOfficerEmail: string | null;
}

/** One agency the import writes: a new one (no id) or an existing one with what changes. */
export interface PlannedAgency {
  id?: string;
  name: string;
  aliases: string[];
  region: string | null;
  linkOfficerEmail: string | null;
  /** The file's lines that give this agency. */
  lines: number[];
  /** For an existing agency, the fields the import changes (empty: unchanged). */
  changes: Array<'aliases' | 'region' | 'linkOfficerEmail'>;
}

export interface ImportPlan {
  creates: PlannedAgency[];
  updates: PlannedAgency[];
  unchanged: PlannedAgency[];
  /** Lines naming an agency another line of the file already gave: merged into it. */
  merged: Array<{ line: number; into: string; firstLine: number }>;
  errors: LineError[];
}

/**
 * What importing these lines would do to the list. A line is matched to an agency by its
 * name, compared through organisationKey against each agency's name and aliases; a match adds
 * the line's aliases and sets its region and link officer (when given); no match is a new
 * agency. A line whose alias already names another agency is an error: the import would
 * make one text mean two agencies.
 */
export function planImport(lines: readonly AgencyLine[], known: readonly KnownAgency[]): ImportPlan {
  const entries: Array<PlannedAgency & { before?: KnownAgency }> = [];
  const byKey = new Map<string, PlannedAgency & { before?: KnownAgency }>();
  const claim = (key: string | null, entry: (typeof entries)[number]) => {
    if (key && !byKey.has(key)) byKey.set(key, entry);
  };
  for (const agency of known) {
    const entry = { ...agency, aliases: [...agency.aliases], lines: [], changes: [], before: agency };
    entries.push(entry);
    claim(organisationKey(agency.name), entry);
    for (const alias of agency.aliases) claim(organisationKey(alias), entry);
  }
  const plan: ImportPlan = { creates: [], updates: [], unchanged: [], merged: [], errors: [] };
  for (const line of lines) {
    const nameKey = organisationKey(line.name) ?? '';
    let entry = byKey.get(nameKey);
    const conflict = line.aliases.find((alias) => {
      const owner = byKey.get(organisationKey(alias) ?? '');
      return owner !== undefined && owner !== entry;
    });
    if (conflict) {
      const owner = byKey.get(organisationKey(conflict) ?? '');
      plan.errors.push({
        line: line.line,
        message: `the alias "${conflict}" already names ${owner?.name ?? 'another agency'}`,
      });
      continue;
    }
    if (!entry) {
      entry = { name: line.name, aliases: [], region: null, linkOfficerEmail: null, lines: [], changes: [] };
      entries.push(entry);
      claim(nameKey, entry);
    } else if (entry.lines.length > 0) {
      plan.merged.push({ line: line.line, into: entry.name, firstLine: entry.lines[0] });
    }
    entry.lines.push(line.line);
    for (const alias of line.aliases) {
      const key = organisationKey(alias);
      if (!key || byKey.get(key) === entry) continue;
      entry.aliases.push(alias);
      claim(key, entry);
    }
    if (line.region !== null) entry.region = line.region;
    if (line.linkOfficerEmail !== null) entry.linkOfficerEmail = line.linkOfficerEmail;
  }
  for (const entry of entries) {
    const { before, ...planned } = entry;
    if (!before) {
      if (planned.lines.length > 0) plan.creates.push(planned);
      continue;
    }
    if (planned.lines.length === 0) continue;
    if (planned.aliases.length !== before.aliases.length) planned.changes.push('aliases');
    if (planned.region !== before.region) planned.changes.push('region');
    if (planned.linkOfficerEmail !== before.linkOfficerEmail) planned.changes.push('linkOfficerEmail');
    (planned.changes.length > 0 ? plan.updates : plan.unchanged).push(planned);
  }
  return plan;
}
