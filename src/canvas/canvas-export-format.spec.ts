import MarkdownIt from 'markdown-it';
import { lint } from 'markdownlint/sync';
import { MarkdownWriter, markdownListItem, markdownText, sheetName, WallClock } from './canvas-export-format.js';
import type { ExportRow } from './canvases.repository.js';

const row = (overrides: Partial<ExportRow>): ExportRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  sectionKey: 'values',
  section: 'Values',
  text: 'A note',
  author: 'Anonymous',
  authorName: null,
  mergedInto: null,
  group: null,
  cluster: null,
  dots: 0,
  hidden: false,
  createdAt: new Date('2026-01-01T10:00:00Z'),
  ...overrides,
});

describe('export formatting', () => {
  it('keeps post-it text from becoming Markdown structure or HTML', () => {
    expect(markdownText('# not a heading')).toBe('\\# not a heading');
    expect(markdownText('<script>x</script>')).toBe('&lt;script>x&lt;/script>');
    expect(markdownText('[link](http://x)')).toBe('\\[link\\](<http://x>)');
    expect(markdownText('*bold* _it_ `code` ~~s~~ a|b')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` &#126;&#126;s&#126;&#126; a&#124;b',
    );
    expect(markdownListItem('- item\n1. two\n> quote\n=== \n# h')).toBe(
      '- \\- item  \n  1\\. two  \n  &gt; quote  \n  &#61;==  \n  \\# h',
    );
  });

  it('makes valid, unique worksheet names', () => {
    const taken = new Set<string>();
    expect(sheetName('Actions: next [steps]?', taken)).toBe('Actions next steps');
    expect(sheetName('A'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('actions next steps', taken)).toBe('actions next steps 2');
    expect(sheetName('***', taken)).toBe('Section');
  });

  it('writes sections, clusters and notes as a write-up', () => {
    const writer = new MarkdownWriter('Retro', [
      { key: 'values', title: 'Values', prompt: 'Why?' },
      { key: 'people', title: 'People', prompt: '' },
    ]);
    const md = [
      writer.start({ exportedAt: new Date('2026-01-01T12:00:00Z') }),
      writer.row(row({ cluster: 'Care', dots: 2, author: 'Ana', group: 'T1' })),
      writer.row(row({ text: 'Loose', dots: 1 })),
      writer.row(row({ sectionKey: 'people', section: 'People', text: 'Carers', hidden: true, cluster: 'Care' })),
      writer.end(),
    ].join('');
    expect(md).toBe(
      [
        '# Retro',
        '',
        'Workshop canvas, exported 2026-01-01T12:00:00.000Z.',
        '',
        '## Values',
        '',
        '> Why?',
        '',
        '### Care',
        '',
        '- A note (2 dots, Ana, T1)',
        '',
        '### Other notes',
        '',
        '- Loose (1 dot, Anonymous)',
        '',
        '## People',
        '',
        '### Care (People)',
        '',
        '- Carers (0 dots, Anonymous, hidden)',
        '',
      ].join('\n'),
    );
    expect(new MarkdownWriter('Empty', []).end()).toContain('No notes');
  });
});

/** Notes people really write, and the ones that break naive Markdown. */
const TRICKY_NOTES = [
  'Care\nfor each other\n\n  with patience',
  '=HYPERLINK("http://evil")',
  '# not a heading, *not bold*, _not italic_, `not code`',
  '<b>not html</b> & not &amp; an entity',
  '[not a link](http://example.org) ![not an image](x.png)',
  '- not a list\n+ nor this\n1. nor this\n2) nor this',
  '> not a quote\n---\n===',
  '~~not struck~~ | not | a | table |',
  'C:\\path\\to\\file and a trailing backslash \\',
  'A very long note that goes on and on about the movement, its people, its allies and its many plans for the coming year, longer than any line should be.',
  'Équité — fairness 🌍',
];

/** python-markdown treats a backslash as an escape only before these; before anything else it is printed. */
const PYTHON_MARKDOWN_ESCAPES = new Set('\\`*_{}[]()>#+-.!');

const decode = (html: string): string =>
  html
    .replace(/<br\s*\/?>\n?/g, '\n')
    .replace(/<\/?a\b[^>]*>/g, '')
    .replace(/\n/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&');

describe('Markdown export read back', () => {
  const writer = new MarkdownWriter('Canvas: *our* <movement>', [
    { key: 'values', title: 'Values & [beliefs]', prompt: 'What do we believe in' },
  ]);
  const md = [
    writer.start({ exportedAt: new Date('2026-01-01T12:00:00Z') }),
    ...TRICKY_NOTES.map((text, i) => writer.row(row({ text, cluster: i < 3 ? 'First # cluster' : null }))),
    writer.end(),
  ].join('');

  it('renders every note as its own list item with its text, in CommonMark (markdown-it)', () => {
    const html = new MarkdownIt().render(md);
    const items = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1]).replace(/\s+/g, ' ').trim());
    expect(items).toEqual(TRICKY_NOTES.map((text) => `${text.replace(/\s+/g, ' ').trim()} (0 dots, Anonymous)`));
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html.match(/<h2>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<(b|em|strong|code|img|s|table|ol|hr)\b/);
    expect(html.match(/<blockquote>/g)).toHaveLength(1);
    expect(html.match(/<ul>/g)).toHaveLength(2);
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual(['http://evil', 'http://example.org']);
  });

  it('keeps the lines of a multi-line note as line breaks', () => {
    const html = new MarkdownIt().render(md);
    expect(html).toContain('Care<br>\nfor each other<br>\nwith patience');
  });

  it('uses only the backslash escapes python-markdown knows, so it shows no stray backslashes', () => {
    const escapes = [...md.matchAll(/\\(.)/g)].map((m) => m[1]);
    expect(escapes.length).toBeGreaterThan(0);
    expect(escapes.filter((c) => !PYTHON_MARKDOWN_ESCAPES.has(c))).toEqual([]);
  });

  it('passes markdownlint with its default rules', () => {
    const result = lint({ strings: { export: md } });
    expect(result.export).toEqual([]);
  });
});

describe('WallClock', () => {
  it('gives the wall-clock time of the zone, on both sides of a change', () => {
    const clock = new WallClock('Europe/London');
    expect(clock.at(new Date('2026-07-01T09:30:00Z')).toISOString()).toBe('2026-07-01T10:30:00.000Z');
    expect(clock.at(new Date('2026-12-01T09:30:00Z')).toISOString()).toBe('2026-12-01T09:30:00.000Z');
    expect(clock.at(new Date('2026-10-25T00:59:00Z')).toISOString()).toBe('2026-10-25T01:59:00.000Z');
    expect(clock.at(new Date('2026-10-25T01:00:00Z')).toISOString()).toBe('2026-10-25T01:00:00.000Z');
  });
});
