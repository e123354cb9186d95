import { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** `content` as text (a calendar); `bytes` as sent (a PDF). */
  attachments: Array<{ filename: string | null; mimeType: string; content: string; bytes: Buffer }>;
  raw: string;
  headers: Array<{ key: string; value: string }>;
}

/** What the server does with the n-th message (1-based): accept, answer with an error, or drop the line. */
export type Fault =
  { kind: 'accept' } | { kind: 'reject'; code: number; message: string } | { kind: 'drop-after-accept' };

/**
 * A real SMTP server in the test process that captures every message. Faults can be
 * injected to test retries.
 */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server?: SMTPServer;
  private port = 0;
  private count = 0;
  private waiters: Array<() => void> = [];
  /** Messages stored but whose connection was cut before the client heard the answer. */
  droppedAfterAccept = 0;
  fault: (n: number) => Fault = () => ({ kind: 'accept' });

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 20 * 1024 * 1024,
      // Clients keep pooled connections open; closing should not wait for them.
      closeTimeout: 500,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => void this.receive(Buffer.concat(chunks), session, callback));
      },
    });
    // Connections cut on purpose (and by killed clients) end in socket errors; they are expected.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private async receive(
    raw: Buffer,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): Promise<void> {
    const n = ++this.count;
    const fault = this.fault(n);
    if (fault.kind === 'reject') {
      callback(Object.assign(new Error(fault.message), { responseCode: fault.code }));
      return;
    }
    const parsed = await PostalMime.parse(raw);
    this.messages.push({
      to: session.envelope.rcptTo.map((r) => r.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html ?? '',
      messageId: parsed.messageId ?? '',
      attachments: parsed.attachments.map((a) => {
        const bytes =
          typeof a.content === 'string'
            ? Buffer.from(a.content, 'utf8')
            : Buffer.from(a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : a.content);
        return { filename: a.filename, mimeType: a.mimeType, content: bytes.toString('utf8'), bytes };
      }),
      raw: raw.toString('utf8'),
      headers: parsed.headers,
    });
    if (fault.kind === 'drop-after-accept') {
      // The message is kept but the line goes dead before the client hears "250": the
      // client cannot know it was delivered, so a repeat is allowed for exactly these.
      this.droppedAfterAccept += 1;
      this.socketOf(session)?.destroy();
    } else {
      callback();
    }
    this.waiters.splice(0).forEach((wake) => wake());
  }

  private socketOf(session: SMTPServerSession): { destroy(): void } | undefined {
    const connections = (
      this.server as unknown as { connections: Set<{ session: SMTPServerSession; _socket: { destroy(): void } }> }
    ).connections;
    for (const connection of connections) if (connection.session.id === session.id) return connection._socket;
    return undefined;
  }

  /** Waits until at least `count` messages arrived (or throws after the timeout). */
  async waitFor(count: number, timeoutMs = 15_000): Promise<CapturedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`Expected ${count} emails, got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.messages;
  }

  /** Waits for the first message to `address` that matches (or throws after the timeout). */
  async waitForMessage(
    address: string,
    match: (mail: CapturedMail) => boolean,
    timeoutMs = 15_000,
  ): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.to(address).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching email to ${address}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
