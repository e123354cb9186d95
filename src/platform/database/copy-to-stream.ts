import { Readable } from 'node:stream';

/** The slice of pg's connection a COPY OUT needs. */
interface PgConnection {
  query(text: string): void;
  sendCopyFail(message: string): void;
  stream: { pause(): void; resume(): void };
}

/**
 * `COPY … TO STDOUT` as a readable stream, submitted to a pg client like any query
 * (`client.query(new CopyToStream(sql))`). PostgreSQL's own formatting is the fastest
 * way to CSV; back-pressure pauses the socket, so memory stays flat whatever the size.
 * (A small stand-in for the pg-copy-streams package, on pg's documented Submittable hooks.)
 */
export class CopyToStream extends Readable {
  private connection: PgConnection | undefined;
  private failed = false;
  /** Called by pg when the query has finished (either way); the client is then free. */
  callback: ((error?: Error) => void) | undefined;

  constructor(private readonly text: string) {
    super({ highWaterMark: 64 * 1024 });
  }

  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (!this.push(message.chunk)) this.connection?.stream.pause();
  }

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail('CopyToStream only reads.');
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}

  handleError(error: Error): void {
    this.failed = true;
    this.connection?.stream.resume();
    this.destroy(error);
    this.callback?.(error);
  }

  handleReadyForQuery(): void {
    if (!this.failed) {
      this.push(null);
      this.callback?.();
    }
  }

  override _read(): void {
    this.connection?.stream.resume();
  }
}
