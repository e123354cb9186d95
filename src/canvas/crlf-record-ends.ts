import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/**
 * PostgreSQL's COPY … CSV ends each record with LF; RFC 4180 ends them with CRLF. Line feeds
 * inside a quoted field are part of the note and stay as they are, so this follows the
 * quoting across chunks: a doubled quote inside a field toggles the state twice, leaving it.
 */
export class CrlfRecordEnds extends Transform {
  private quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const parts: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) this.quoted = !this.quoted;
      else if (byte === LF && !this.quoted) {
        parts.push(chunk.subarray(from, i), CRLF);
        from = i + 1;
      }
    }
    parts.push(chunk.subarray(from));
    callback(null, Buffer.concat(parts));
  }
}
