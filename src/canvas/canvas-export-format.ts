import { IANAZone } from 'luxon';
import type { ExportRow } from './canvases.repository.js';

export const EXPORT_COLUMNS = ['section', 'text', 'author', 'group', 'cluster', 'dots', 'hidden', 'createdAt'] as const;

/** The same row as JSON (section key and title both, for machines; no author for an anonymous note). */
export const toJsonRow = (row: ExportRow) => ({
  id: row.id,
  sectionKey: row.sectionKey,
  section: row.section,
  text: row.text,
  author: row.authorName,
  mergedInto: row.mergedInto,
  group: row.group,
  cluster: row.cluster,
  dots: row.dots,
  hidden: row.hidden,
  createdAt: row.createdAt.toISOString(),
});

/** A spreadsheet cell per column, in EXPORT_COLUMNS order; times as the wall clock of the event's zone. */
export const toSheetRow = (row: ExportRow, clock: WallClock): Array<string | number | boolean | Date> => [
  row.section,
  row.text,
  row.author,
  row.group ?? '',
  row.cluster ?? '',
  row.dots,
  row.hidden,
  clock.at(row.createdAt),
];

/** Text a spreadsheet would read as a formula if someone edited the cell. */
export const looksLikeFormula = (value: unknown): boolean => typeof value === 'string' && /^[=+\-@]/.test(value);

const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * A spreadsheet date has no zone: it shows the numbers it holds. So an instant is given as a
 * Date whose UTC fields are the wall-clock time in the event's zone. Offsets change only on
 * quarter hours, so one lookup per quarter hour serves every note posted in it.
 */
export class WallClock {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();

  constructor(zoneName: string) {
    this.zone = IANAZone.create(zoneName);
  }

  at(instant: Date): Date {
    const ms = instant.getTime();
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    let offset = this.offsets.get(quarter);
    if (offset === undefined) {
      offset = this.zone.isValid ? this.zone.offset(ms) : 0;
      if (this.offsets.size > 10_000) this.offsets.clear();
      this.offsets.set(quarter, offset);
    }
    return new Date(ms + offset * 60_000);
  }
}

/** Worksheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[:\\/?*[\]]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Section';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Markdown that CommonMark (markdown-it, GitHub) and python-markdown render alike: only the
 * escapes both know (python-markdown prints any other backslash as it is), entities for the
 * rest, and line starts made plain so no line of a note becomes a heading, quote or list.
 */
const BOTH_ESCAPE = /([\\`*_[\]])/g;

const escapeText = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/~/g, '&#126;')
    .replace(/\|/g, '&#124;')
    .replace(BOTH_ESCAPE, '\\$1');

/** A web address, without the punctuation that usually follows one in a sentence. */
const URL = /https?:\/\/[^\s<>]*[^\s<>)"'.,;:!?\]]/g;

/** Text with web addresses as autolinks (both renderers know `<http://…>`; markdownlint wants no bare URLs). */
function inlineMarkdown(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(URL)) {
    out += `${escapeText(text.slice(from, match.index))}<${match[0]}>`;
    from = match.index + match[0].length;
  }
  return out + escapeText(text.slice(from));
}

function plainLineStart(line: string): string {
  return line
    .replace(/^#/, '\\#')
    .replace(/^>/, '&gt;')
    .replace(/^([-+])/, '\\$1')
    .replace(/^=/, '&#61;')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Lines of the rendered document stay within markdownlint's 80 columns where words allow. */
const WIDTH = 78;

/** Words of one line of text, wrapped to WIDTH after `first` (the list marker) or `rest` (its indent). */
function wrap(words: string[], first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const prefix = lines.length === 0 ? first : rest;
    if (line && prefix.length + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? first : rest) + plainLineStart(l));
}

/** A post-it as one list item: its own line breaks kept (as hard breaks), long lines wrapped. */
export function markdownListItem(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const wrapped = lines.map((line, i) => wrap(inlineMarkdown(line).split(' '), i === 0 ? '- ' : '  ', '  '));
  return wrapped.map((group) => group.join('\n')).join('  \n');
}

/** A single-line piece of text (a title, a prompt) with nothing in it taken as Markdown. */
export function markdownText(text: string): string {
  return plainLineStart(inlineMarkdown(text.replace(/\s+/g, ' ').trim()));
}

const heading = (level: number, text: string): string =>
  `${'#'.repeat(level)} ${markdownText(text).replace(/#/g, '\\#') || 'Untitled'}`;

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/**
 * A workshop write-up, one piece at a time from rows in export order: a heading per
 * section (with its prompt), a sub-heading per cluster, one bullet per note with its
 * dots and author. Every block has one blank line around it and headings are unique, as
 * markdownlint asks.
 */
export class MarkdownWriter {
  private section: string | undefined;
  private cluster: string | null | undefined;
  private sawCluster = false;
  private inList = false;
  /** How many times each heading text (lower case) was used. */
  private readonly headings = new Map<string, number>();
  private readonly sections: Map<string, { title: string; prompt: string }>;

  constructor(
    private readonly title: string,
    sections: Array<{ key: string; title: string; prompt: string }>,
  ) {
    this.sections = new Map(sections.map((s) => [s.key, s]));
  }

  start(meta: { exportedAt: Date; count?: number }): string {
    return `${heading(1, this.title)}\n\nWorkshop canvas, exported ${meta.exportedAt.toISOString()}.\n`;
  }

  row(row: ExportRow): string {
    let out = '';
    if (row.sectionKey !== this.section) {
      this.section = row.sectionKey;
      this.cluster = undefined;
      this.sawCluster = false;
      const section = this.sections.get(row.sectionKey);
      const title = section?.title ?? row.section;
      out += this.block(this.uniqueHeading(2, title, title));
      if (section?.prompt.trim()) out += this.block(`> ${markdownText(section.prompt)}`);
    }
    if (row.cluster !== this.cluster) {
      if (row.cluster) {
        out += this.block(this.uniqueHeading(3, row.cluster, row.section));
        this.sawCluster = true;
      } else if (this.sawCluster) {
        out += this.block(this.uniqueHeading(3, 'Other notes', row.section));
      }
      this.cluster = row.cluster;
    }
    const details = [plural(row.dots, 'dot'), row.author];
    if (row.group) details.push(row.group);
    if (row.hidden) details.push('hidden');
    out += `${this.inList ? '' : '\n'}${markdownListItem(`${row.text} (${details.join(', ')})`)}\n`;
    this.inList = true;
    return out;
  }

  end(): string {
    return this.section === undefined ? '\nNo notes were posted.\n' : '';
  }

  private block(text: string): string {
    this.inList = false;
    return `\n${text}\n`;
  }

  /** The same cluster name in two sections would be two equal headings: the second names its section. */
  private uniqueHeading(level: number, text: string, section: string): string {
    const key = text.toLowerCase();
    const seen = this.headings.get(key) ?? 0;
    this.headings.set(key, seen + 1);
    if (seen === 0) return heading(level, text);
    const candidate = seen === 1 ? `${text} (${section})` : `${text} (${section}, ${seen + 1})`;
    // Registered in turn, so a name someone chose that equals a coined one is told apart too.
    return this.uniqueHeading(level, candidate, section);
  }
}
