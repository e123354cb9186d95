import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { CopyToStream } from '../platform/database/copy-to-stream.js';
import { ExportPool } from '../platform/database/export-pool.js';
import { EXPORT_ROWS_SQL, type ExportRow, exportCopySql } from './canvases.repository.js';

/** Rows fetched per round trip from the export cursor. */
const BATCH = 2_000;

/**
 * The export's reads, on the export pool's own connections so a long download never holds
 * one the API needs. Both hand the connection back when the stream ends, and drop it when the
 * download is cut off half-way (it is mid-protocol or mid-transaction then).
 */
@Injectable()
export class CanvasExportsRepository {
  constructor(private readonly exportPool: ExportPool) {}

  /** COPY … TO STDOUT of the export rows as CSV, straight from PostgreSQL. */
  async copyCsv(canvasId: string, includeHidden: boolean): Promise<Readable> {
    const client = await this.exportPool.connect();
    const copy = new CopyToStream(exportCopySql(client.escapeLiteral(canvasId), includeHidden));
    client.query(copy as unknown as pg.Submittable);
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      client.release(error ?? (copy.readableEnded ? undefined : new Error('export aborted')));
    };
    copy.callback = (error) => release(error);
    copy.on('error', (error: Error) => release(error));
    copy.on('close', () => {
      if (!copy.readableEnded) release(new Error('export aborted'));
    });
    return copy;
  }

  /** Export rows in order, read through a server-side cursor a batch at a time. */
  async *rows(canvasId: string, includeHidden: boolean): AsyncGenerator<ExportRow> {
    const client = await this.exportPool.connect();
    let clean = false;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`DECLARE canvas_export NO SCROLL CURSOR FOR ${EXPORT_ROWS_SQL}`, [canvasId, includeHidden]);
      for (;;) {
        const { rows } = await client.query<ExportRow>(`FETCH ${BATCH} FROM canvas_export`);
        for (const row of rows) yield row;
        if (rows.length < BATCH) break;
      }
      await client.query('COMMIT');
      clean = true;
    } finally {
      client.release(clean ? undefined : new Error('export aborted'));
    }
  }
}
