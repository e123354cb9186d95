import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { type EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { Clock } from '../platform/clock/clock.js';
import {
  EXPORT_COLUMNS,
  looksLikeFormula,
  MarkdownWriter,
  sheetName,
  toJsonRow,
  toSheetRow,
  WallClock,
} from './canvas-export-format.js';
import type { Canvas } from './canvas.entity.js';
import { CanvasExportsRepository } from './canvas-exports.repository.js';
import { CanvasesRepository, type ExportRow } from './canvases.repository.js';
import { CrlfRecordEnds } from './crlf-record-ends.js';
import { enableQuotePrefix, QUOTE_PREFIX } from './xlsx-quote-prefix.js';
import type { ExportFormat } from './dto/export-query.dto.js';

/**
 * exceljs's streaming writer never signals back-pressure: its sheet buffer writes into the zip
 * entry whatever the zip can take. Wait, between batches of rows, until the zip entry (and the
 * response) have drained, so rows do not pile up in memory ahead of the compressor.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, out: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const internal = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream;
  // The zip entry is archiver's own PassThrough, from an older readable-stream: duck-typed.
  const entry = internal?.pipes?.[0] as
    (EventEmitter & { _writableState?: { length: number; highWaterMark: number } }) | undefined;
  const state = entry?._writableState;
  if (entry && state && state.length > state.highWaterMark) await once(entry, 'drain');
  if (out.writableNeedDrain) await once(out, 'drain');
}

const TOP: Partial<ExcelJS.Style> = { alignment: { vertical: 'top' } };
const COLUMN_STYLES: Partial<Record<(typeof EXPORT_COLUMNS)[number], Partial<ExcelJS.Style>>> = {
  text: { alignment: { vertical: 'top', wrapText: true } },
  createdAt: { alignment: { vertical: 'top' }, numFmt: 'yyyy-mm-dd hh:mm:ss' },
};

/**
 * One style object per column (and its quote-prefixed twin), shared by every cell: exceljs
 * renders a cell's style to XML to look it up unless it has seen that very object before,
 * which for fresh objects cost more than writing the rows.
 */
const CELL_STYLES: Array<Partial<ExcelJS.Style>> = EXPORT_COLUMNS.map((column) => COLUMN_STYLES[column] ?? TOP);
const QUOTED_STYLES = CELL_STYLES.map((style) => ({ ...style, [QUOTE_PREFIX]: true }) as Partial<ExcelJS.Style>);

const UTF8_BOM = '\uFEFF';

export interface ExportFile {
  contentType: string;
  extension: string;
  body: Readable;
}

/**
 * Canvas exports, streamed from PostgreSQL so memory stays flat at any size: CSV is
 * PostgreSQL's own COPY output behind a BOM; the other formats read a server-side cursor
 * in batches and write as they go.
 */
@Injectable()
export class CanvasExports {
  constructor(
    private readonly canvases: CanvasesRepository,
    private readonly clock: Clock,
    private readonly reads: CanvasExportsRepository,
  ) {}

  async export(canvas: Canvas, format: ExportFormat, includeHidden: boolean): Promise<ExportFile> {
    switch (format) {
      case 'csv':
        return {
          contentType: 'text/csv; charset=utf-8',
          extension: 'csv',
          body: await this.csv(canvas, includeHidden),
        };
      case 'json':
        return {
          contentType: 'application/json; charset=utf-8',
          extension: 'json',
          body: Readable.from(this.json(canvas, includeHidden)),
        };
      case 'md':
        return {
          contentType: 'text/markdown; charset=utf-8',
          extension: 'md',
          body: Readable.from(this.markdown(canvas, includeHidden)),
        };
      case 'xlsx':
        return {
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          extension: 'xlsx',
          body: this.xlsx(canvas, includeHidden, await this.canvases.eventTimezone(canvas.eventId)),
        };
      default: {
        const unknown: never = format;
        throw new Error(`Unknown export format ${String(unknown)}`);
      }
    }
  }

  /** BOM, then PostgreSQL's own CSV (records ended CRLF); cancelling the download stops the COPY. */
  async csv(canvas: Canvas, includeHidden: boolean): Promise<Readable> {
    const copy = await this.reads.copyCsv(canvas.id, includeHidden);
    const body = new PassThrough();
    body.write(UTF8_BOM);
    copy.on('error', (error: Error) => body.destroy(error));
    body.on('close', () => {
      if (!copy.readableEnded) copy.destroy();
    });
    copy.pipe(new CrlfRecordEnds()).pipe(body);
    return body;
  }

  rows(canvas: Canvas, includeHidden: boolean): AsyncGenerator<ExportRow> {
    return this.reads.rows(canvas.id, includeHidden);
  }

  private async *json(canvas: Canvas, includeHidden: boolean): AsyncGenerator<string> {
    const head = {
      id: canvas.id,
      title: canvas.title,
      joinCode: canvas.joinCode,
      status: canvas.status,
      sections: canvas.sections,
      exportedAt: this.clock.now().toISOString(),
      includeHidden,
    };
    yield `{"canvas":${JSON.stringify(head)},"columns":${JSON.stringify(EXPORT_COLUMNS)},"notes":[`;
    let first = true;
    let chunk = '';
    for await (const row of this.rows(canvas, includeHidden)) {
      chunk += (first ? '\n' : ',\n') + JSON.stringify(toJsonRow(row));
      first = false;
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}\n]}\n`;
  }

  private async *markdown(canvas: Canvas, includeHidden: boolean): AsyncGenerator<string> {
    const writer = new MarkdownWriter(canvas.title, canvas.sections);
    yield writer.start({ exportedAt: this.clock.now() });
    let chunk = '';
    for await (const row of this.rows(canvas, includeHidden)) {
      chunk += writer.row(row);
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk + writer.end();
  }

  /**
   * One worksheet per section, in the canvas's order; rows are committed as they are written.
   * Each sheet opens ready to read: a bold, frozen header with filters, wrapped text, times in
   * the event's zone, and formula-like text kept as text if someone edits the cell.
   */
  private xlsx(canvas: Canvas, includeHidden: boolean, timezone: string): Readable {
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
      // Fast compression: the writer cannot push back, so slow zlib means rows wait in memory.
      zip: { zlib: { level: 1 } },
    });
    workbook.creator = 'Plenary';
    enableQuotePrefix(workbook);
    const clock = new WallClock(timezone);
    const taken = new Set<string>();
    const sheets = new Map<string, ExcelJS.Worksheet>();
    const lastColumn = String.fromCharCode('A'.charCodeAt(0) + EXPORT_COLUMNS.length - 1);
    const addSheet = (key: string, title: string) => {
      const sheet = workbook.addWorksheet(sheetName(title, taken), {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      sheet.columns = EXPORT_COLUMNS.map((header) => ({
        header: header === 'createdAt' ? `createdAt (${timezone})` : header,
        key: header,
        width: header === 'text' ? 60 : header === 'createdAt' ? 24 : 16,
        style: COLUMN_STYLES[header] ?? TOP,
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.autoFilter = `A1:${lastColumn}1`;
      sheets.set(key, sheet);
      return sheet;
    };
    const write = async () => {
      // Sections in order; the rows arrive grouped by section in that same order.
      const order = canvas.sections.map((section) => section.key);
      let next = 0;
      let current: ExcelJS.Worksheet | undefined;
      let count = 0;
      for await (const row of this.rows(canvas, includeHidden)) {
        if (!sheets.has(row.sectionKey)) {
          current?.commit();
          const at = order.indexOf(row.sectionKey);
          // Empty sections before this one still get their (empty) sheet.
          while (at >= 0 && next < at) {
            const key = order[next++];
            addSheet(key, canvas.sections.find((s) => s.key === key)!.title).commit();
          }
          if (at >= 0) next = at + 1;
          current = addSheet(row.sectionKey, row.section);
        }
        const added = current!.addRow(toSheetRow(row, clock));
        added.eachCell((cell, column) => {
          cell.style = (looksLikeFormula(cell.value) ? QUOTED_STYLES : CELL_STYLES)[column - 1];
        });
        added.commit();
        if (++count % 500 === 0) await zipCaughtUp(current!, out);
      }
      current?.commit();
      while (next < order.length) {
        const key = order[next++];
        addSheet(key, canvas.sections.find((s) => s.key === key)!.title).commit();
      }
      await workbook.commit();
    };
    write().catch((error: Error) => out.destroy(error));
    return out;
  }
}
