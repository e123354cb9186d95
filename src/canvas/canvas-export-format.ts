import type { ExportRow } from './canvases.repository.js';

export const EXPORT_COLUMNS = ['section', 'text', 'author', 'group', 'cluster', 'dots', 'hidden', 'createdAt'] as const;

/** The same row as JSON (section key and title both, for machines). */
export const toJsonRow = (row: ExportRow) => ({
  sectionKey: row.sectionKey,
  section: row.section,
  text: row.text,
  author: row.author,
  group: row.group,
  cluster: row.cluster,
  dots: row.dots,
  hidden: row.hidden,
  createdAt: row.createdAt.toISOString(),
});

/** A spreadsheet cell per column, in EXPORT_COLUMNS order. */
export const toSheetRow = (row: ExportRow): Array<string | number | boolean | Date> => [
  row.section,
  row.text,
  row.author,
  row.group ?? '',
  row.cluster ?? '',
  row.dots,
  row.hidden,
  row.createdAt,
];

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

/** Text from a post-it, safe inside Markdown: no accidental headings, links, emphasis or HTML. */
export function markdownText(text: string): string {
  return text
    .replace(/([\\`*_{}[\]()<>#+!|~])/g, '\\$1')
    .replace(/^(\s*)([-=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.')
    .replace(/\r?\n/g, ' ');
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/**
 * A workshop write-up, one piece at a time from rows in export order: a heading per
 * section (with its prompt), a sub-heading per cluster, one bullet per note with its
 * dots and author.
 */
export class MarkdownWriter {
  private section: string | undefined;
  private cluster: string | null | undefined;
  private sawCluster = false;
  private readonly sections: Map<string, { title: string; prompt: string }>;

  constructor(
    private readonly title: string,
    sections: Array<{ key: string; title: string; prompt: string }>,
  ) {
    this.sections = new Map(sections.map((s) => [s.key, s]));
  }

  start(meta: { exportedAt: Date; count?: number }): string {
    return `# ${markdownText(this.title)}\n\nWorkshop canvas, exported ${meta.exportedAt.toISOString()}.\n`;
  }

  row(row: ExportRow): string {
    let out = '';
    if (row.sectionKey !== this.section) {
      this.section = row.sectionKey;
      this.cluster = undefined;
      this.sawCluster = false;
      const section = this.sections.get(row.sectionKey);
      out += `\n## ${markdownText(section?.title ?? row.section)}\n\n`;
      if (section?.prompt) out += `_${markdownText(section.prompt)}_\n\n`;
    }
    if (row.cluster !== this.cluster) {
      if (row.cluster) {
        out += `\n### ${markdownText(row.cluster)}\n\n`;
        this.sawCluster = true;
      } else if (this.sawCluster) {
        out += '\n### Other notes\n\n';
      }
      this.cluster = row.cluster;
    }
    const details = [plural(row.dots, 'dot'), markdownText(row.author)];
    if (row.group) details.push(markdownText(row.group));
    if (row.hidden) details.push('hidden');
    out += `- ${markdownText(row.text)} (${details.join(', ')})\n`;
    return out;
  }

  end(): string {
    return this.section === undefined ? '\n_No notes were posted._\n' : '';
  }
}
