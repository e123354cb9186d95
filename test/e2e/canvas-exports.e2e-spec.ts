import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import { lint } from 'markdownlint/sync';
import type { Response } from 'supertest';
import { newCanvasContext, newParticipant, postNote, type CanvasContext } from '../factories/canvas.factory.js';
import { parseCsv } from '../setup/csv.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Expected {
  section: string;
  text: string;
  author: string;
  group: string;
  cluster: string;
  dots: number;
  hidden: boolean;
}

describe('canvas exports', () => {
  let t: TestApp;
  let ctx: CanvasContext;
  /** The visible notes in export order: section order, cluster (labelled first), dots desc, time. */
  let visible: Expected[];
  let hiddenText: string;
  let mergedId: string;
  let mergedIntoId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ctx = await newCanvasContext(t, {
      dotsPerPerson: 10,
      sections: [
        { key: 'values', title: 'Shared values', prompt: 'What do we believe in?' },
        { key: 'people', title: 'People', prompt: 'Who is with us?' },
        { key: 'empty', title: 'Nobody wrote here', prompt: '' },
        { key: 'actions', title: 'Actions: next [steps]', prompt: 'What next?' },
      ],
    });
    const { canvas, facilitator } = ctx;
    const phone = newParticipant(t);
    const post = (body: Record<string, unknown>) => postNote(phone, canvas.joinCode, body);
    const dots = async (id: string, n: number) => {
      for (let i = 0; i < n; i++) {
        await newParticipant(t).post(`/api/canvases/join/${canvas.joinCode}/notes/${id}/dots`).expect(201);
      }
    };
    const patch = (id: string, body: Record<string, unknown>) =>
      t.http.patch(`/api/canvases/${canvas.id}/notes/${id}`).set(facilitator.auth).send(body).expect(200);

    const a = await post({ section: 'values', text: 'Solidarity, "always"', authorName: 'Ana', group: 'Table 1' });
    const b = await post({ section: 'values', text: 'Care\nfor each other' });
    const c = await post({ section: 'values', text: 'Équité — fairness 🌍', group: 'Table 2' });
    const d = await post({ section: 'people', text: 'Young carers', authorName: 'Bo' });
    const e = await post({ section: 'actions', text: '=HYPERLINK("http://evil")' });
    const hidden = await post({ section: 'people', text: 'Off-topic remark' });
    const dupe = await post({ section: 'values', text: 'solidarity' });
    hiddenText = 'Off-topic remark';
    mergedId = dupe.id;
    mergedIntoId = a.id;
    // A zone away from UTC, so a spreadsheet time in the event's zone differs from UTC all year.
    await t.db.query(`UPDATE events SET timezone = 'America/New_York' WHERE id = $1`, [ctx.event.id]);
    await dots(a.id, 1);
    await dots(b.id, 3);
    await dots(c.id, 2);
    await dots(dupe.id, 2);
    await patch(a.id, { cluster: 'Togetherness' });
    await patch(b.id, { cluster: 'Togetherness' });
    await patch(hidden.id, { hidden: true });
    await patch(dupe.id, { mergedInto: a.id });
    void d;
    void e;
    visible = [
      // Same dots as the next: the older note first.
      {
        section: 'Shared values',
        text: 'Solidarity, "always"',
        author: 'Ana',
        group: 'Table 1',
        cluster: 'Togetherness',
        dots: 3,
        hidden: false,
      },
      {
        section: 'Shared values',
        text: 'Care\nfor each other',
        author: 'Anonymous',
        group: '',
        cluster: 'Togetherness',
        dots: 3,
        hidden: false,
      },
      {
        section: 'Shared values',
        text: 'Équité — fairness 🌍',
        author: 'Anonymous',
        group: 'Table 2',
        cluster: '',
        dots: 2,
        hidden: false,
      },
      { section: 'People', text: 'Young carers', author: 'Bo', group: '', cluster: '', dots: 0, hidden: false },
      {
        section: 'Actions: next [steps]',
        text: '=HYPERLINK("http://evil")',
        author: 'Anonymous',
        group: '',
        cluster: '',
        dots: 0,
        hidden: false,
      },
    ];
  });
  afterAll(async () => {
    await t.close();
  });

  const exportOf = (format: string, extra = '') =>
    t.http
      .get(`/api/canvases/${ctx.canvas.id}/export?format=${format}${extra}`)
      .set(ctx.facilitator.auth)
      .buffer(true)
      .parse(binary);

  it('exports CSV with a BOM and the columns, grouped by section, cluster and dots; formulas defused', async () => {
    const response = await exportOf('csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="canvas-[a-z2-9]{6}\.csv"/);
    const text = (response.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(['section', 'text', 'author', 'group', 'cluster', 'dots', 'hidden', 'createdAt']);
    expect(rows.map((r) => r.slice(0, 7))).toEqual(
      visible.map((n) => [
        n.section,
        n.text.startsWith('=') ? `'${n.text}` : n.text,
        n.author,
        n.group,
        n.cluster,
        String(n.dots),
        String(n.hidden),
      ]),
    );
    for (const row of rows) expect(new Date(row[7]).toISOString()).toBe(row[7]);
    expect(text).not.toContain(hiddenText);
  });

  it('ends every CSV record with CRLF (RFC 4180), keeping line breaks inside a note as they are', async () => {
    const text = ((await exportOf('csv').expect(200)).body as Buffer).toString('utf8');
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '""');
    expect(outsideQuotes.match(/\r\n/g)).toHaveLength(visible.length + 1);
    expect(outsideQuotes.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"Care\nfor each other"');
  });

  it('includes hidden and merged notes only when asked', async () => {
    const response = await exportOf('csv', '&includeHidden=true').expect(200);
    const rows = parseCsv((response.body as Buffer).toString('utf8').slice(1)).slice(1);
    expect(rows).toHaveLength(visible.length + 2);
    expect(rows.find((r) => r[1] === hiddenText)?.[6]).toBe('true');
    expect(rows.find((r) => r[1] === 'solidarity')?.[6]).toBe('true');
  });

  it('exports JSON with the same rows', async () => {
    const response = await exportOf('json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse((response.body as Buffer).toString('utf8'));
    expect(body.canvas).toMatchObject({ id: ctx.canvas.id, title: 'Building our movement' });
    expect(
      body.notes.map((n: Record<string, unknown>) => ({
        section: n.section,
        text: n.text,
        author: n.author ?? 'Anonymous',
        group: n.group ?? '',
        cluster: n.cluster ?? '',
        dots: n.dots,
        hidden: n.hidden,
      })),
    ).toEqual(visible);
    expect(body.notes[0].sectionKey).toBe('values');
  });

  it('gives each JSON note its id and mergedInto, and no author for an anonymous note', async () => {
    const body = JSON.parse(((await exportOf('json', '&includeHidden=true').expect(200)).body as Buffer).toString());
    const notes = body.notes as Array<{ id: string; text: string; author: string | null; mergedInto: string | null }>;
    expect(notes.every((n) => /^[0-9a-f-]{36}$/.test(n.id))).toBe(true);
    expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
    expect(notes.find((n) => n.id === mergedId)).toMatchObject({ text: 'solidarity', mergedInto: mergedIntoId });
    expect(notes.find((n) => n.id === mergedIntoId)).toMatchObject({ author: 'Ana', mergedInto: null });
    expect(notes.find((n) => n.text.startsWith('Care'))?.author).toBeNull();
  });

  it('exports XLSX with one sheet per section, read back with exceljs', async () => {
    const response = await exportOf('xlsx').expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Shared values',
      'People',
      'Nobody wrote here',
      'Actions next steps',
    ]);
    const read = workbook.worksheets.flatMap((sheet) => {
      const rows: Expected[] = [];
      sheet.eachRow((row, index) => {
        const v = row.values as unknown[];
        if (index === 1) {
          expect(v.slice(1)).toEqual([
            'section',
            'text',
            'author',
            'group',
            'cluster',
            'dots',
            'hidden',
            'createdAt (America/New_York)',
          ]);
          return;
        }
        expect(v[8]).toBeInstanceOf(Date);
        rows.push({
          section: v[1] as string,
          text: v[2] as string,
          author: v[3] as string,
          group: (v[4] as string | undefined) ?? '',
          cluster: (v[5] as string | undefined) ?? '',
          dots: v[6] as number,
          hidden: v[7] as boolean,
        });
      });
      return rows;
    });
    expect(read).toEqual(visible);
    expect(workbook.getWorksheet('Nobody wrote here')!.rowCount).toBe(1);
  });

  it('opens XLSX ready to read: bold frozen filtered header, wrapped text, local times, formulas kept as text', async () => {
    const bytes = (await exportOf('xlsx').expect(200)).body as Buffer;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const csv = parseCsv(((await exportOf('csv').expect(200)).body as Buffer).toString('utf8').slice(1)).slice(1);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBe('A1:H1');
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const values = workbook.getWorksheet('Shared values')!;
    expect(values.getCell('B2').alignment?.wrapText).toBe(true);
    // The first note's time as the event's wall clock: New York is 4 or 5 hours behind UTC.
    const utc = new Date(csv[0][7]).getTime();
    const shown = (values.getCell('H2').value as Date).getTime();
    expect([4 * 3_600_000, 5 * 3_600_000]).toContain(utc - shown);
    expect(values.getCell('H2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');

    // exceljs reads no quotePrefix back, so the XML is read directly.
    const zip = await JSZip.loadAsync(bytes);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const formats = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const sheetFiles = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    const cells: Array<{ text: string; quoted: boolean }> = [];
    for (const name of sheetFiles) {
      const xml = await zip.file(name)!.async('string');
      for (const cell of xml.matchAll(/<c r="B\d+"(?: s="(\d+)")?[^>]*><v>([^<]*)<\/v><\/c>/g)) {
        const text = cell[2]
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
        cells.push({ text, quoted: formats[Number(cell[1] ?? 0)]?.includes('quotePrefix="1"') ?? false });
      }
    }
    expect(cells.find((c) => c.text.startsWith('=HYPERLINK'))).toEqual({
      text: '=HYPERLINK("http://evil")',
      quoted: true,
    });
    expect(cells.filter((c) => c.quoted).map((c) => c.text)).toEqual(['=HYPERLINK("http://evil")']);
  });

  it('exports Markdown readable as a write-up, that passes markdownlint', async () => {
    const response = await exportOf('md').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/markdown/);
    const md = (response.body as Buffer).toString('utf8');
    expect(md).toMatch(/^# Building our movement\n/);
    const order = [
      '## Shared values',
      '> What do we believe in?',
      '### Togetherness',
      '- Solidarity, "always" (3 dots, Ana, Table 1)',
      '- Care  \n  for each other (3 dots, Anonymous)',
      '### Other notes',
      '- Équité — fairness 🌍 (2 dots, Anonymous, Table 2)',
      '## People',
      '- Young carers (0 dots, Bo)',
      '## Actions: next \\[steps\\]',
      '- &#61;HYPERLINK("<http://evil>") (0 dots, Anonymous)',
    ];
    let at = 0;
    for (const line of order) {
      const found = md.indexOf(`${line}\n`, at);
      expect({ line, found: found >= 0 }).toEqual({ line, found: true });
      at = found;
    }
    expect(md).not.toContain(hiddenText);
    expect(lint({ strings: { md } }).md).toEqual([]);
    const html = new MarkdownIt().render(md);
    expect(html).toContain('<li>Care<br>\nfor each other (3 dots, Anonymous)</li>');
    expect(html).toContain('<h2>Actions: next [steps]</h2>');
  });

  it('refuses an unknown format and other people', async () => {
    const bad = await t.http.get(`/api/canvases/${ctx.canvas.id}/export?format=pdf`).set(ctx.facilitator.auth);
    expect(bad.status).toBe(400);
    expect((await t.http.get(`/api/canvases/${ctx.canvas.id}/export?format=csv`)).status).toBe(401);
  });

  it('exports an empty canvas in every format', async () => {
    const empty = await newCanvasContext(t);
    for (const format of ['csv', 'json', 'md', 'xlsx']) {
      const response = await t.http
        .get(`/api/canvases/${empty.canvas.id}/export?format=${format}`)
        .set(empty.facilitator.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect((response.body as Buffer).length).toBeGreaterThan(0);
    }
  });
});
