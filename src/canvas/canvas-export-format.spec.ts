import { MarkdownWriter, markdownText, sheetName } from './canvas-export-format.js';
import type { ExportRow } from './canvases.repository.js';

const row = (overrides: Partial<ExportRow>): ExportRow => ({
  sectionKey: 'values',
  section: 'Values',
  text: 'A note',
  author: 'Anonymous',
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
    expect(markdownText('<script>x</script>')).toBe('\\<script\\>x\\</script\\>');
    expect(markdownText('[link](http://x)')).toBe('\\[link\\]\\(http://x\\)');
    expect(markdownText('- item\n1. two')).toBe('\\- item 1\\. two');
    expect(markdownText('*bold* _it_ `code`')).toBe('\\*bold\\* \\_it\\_ \\`code\\`');
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
      writer.row(row({ sectionKey: 'people', section: 'People', text: 'Carers', hidden: true })),
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
        '_Why?_',
        '',
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
        '- Carers (0 dots, Anonymous, hidden)',
        '',
      ].join('\n'),
    );
    expect(new MarkdownWriter('Empty', []).end()).toContain('No notes');
  });
});
