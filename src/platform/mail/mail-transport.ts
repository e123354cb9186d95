import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppConfig } from '../config/app-config.js';
import { headerSafe } from './header-safety.js';
import type { MailMessage } from './mail-message.js';
import { senderDomain } from './message-id.js';

/**
 * Every message Plenary sends is written by a machine: `Auto-Submitted` (RFC 3834) keeps
 * auto-responders from answering it; mail a delegate may opt out of carries the one-click
 * List-Unsubscribe pair (RFC 2369, RFC 8058) that mailbox providers expect of bulk mail.
 */
function automatedMailHeaders(message: MailMessage, from: string): Record<string, string> {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  if (message.list) {
    // Spam filters score a List-Unsubscribe without a List-Id as an incomplete list header set.
    headers['List-Id'] = `<${headerSafe(message.list.id)}.${senderDomain(from)}>`;
    headers['List-Unsubscribe'] = `<${headerSafe(message.list.unsubscribeUrl)}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return headers;
}

/**
 * Writes the To header as `<address>`: nodemailer writes a lone address bare, and spam filters
 * score a bare To together with HTML and an image (SpamAssassin's TO_NO_BRKTS_HTML_IMG).
 * Only the header block is touched, and only a To that is one bare address.
 */
export function bracketedRecipient(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return raw;
  const head = raw.subarray(0, end).toString('latin1');
  const fixed = head.replace(/^To: ([^\s<>,"]+@[^\s<>,"]+)$/m, 'To: <$1>');
  return fixed === head ? raw : Buffer.concat([Buffer.from(fixed, 'latin1'), raw.subarray(end)]);
}

/**
 * The only user of nodemailer: pooled SMTP when SMTP_URL is set, otherwise .eml files
 * under MAIL_DIR so a local run shows what would have been sent.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: ReturnType<typeof nodemailer.createTransport>;
  private readonly toFiles: boolean;

  constructor(private readonly config: AppConfig) {
    this.toFiles = !config.smtpUrl;
    this.transporter = config.smtpUrl
      ? nodemailer.createTransport({
          url: config.smtpUrl,
          pool: true,
          maxConnections: config.smtpPoolSize,
          maxMessages: 500,
          // A local capture server has no certificate; real relays negotiate TLS as usual.
          tls: { rejectUnauthorized: false },
        } as Parameters<typeof nodemailer.createTransport>[0])
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /**
   * The message is built into one buffer (nodemailer's own MailComposer) before it is sent:
   * streamed straight to the socket, nodemailer writes it in many small pieces, a system
   * call each, which cost a worker more than composing it.
   */
  async send(message: MailMessage): Promise<void> {
    const mime = new MailComposer({
      from: this.config.mailFrom,
      to: headerSafe(message.to),
      subject: headerSafe(message.subject),
      html: message.html,
      text: message.text,
      messageId: message.messageId,
      headers: automatedMailHeaders(message, this.config.mailFrom),
      attachments: message.attachments?.map((a) => ({ ...a, filename: headerSafe(a.filename) })),
      // What nodemailer would pick for our mostly-ASCII text anyway; naming it skips the
      // per-part detection, a third of the time it takes to build a message.
      textEncoding: 'quoted-printable',
      // One random boundary for the message; otherwise every part draws its own from the OS.
      baseBoundary: randomUUID(),
    }).compile();
    const info = (await this.transporter.sendMail({
      envelope: mime.getEnvelope(),
      messageId: mime.messageId(),
      raw: bracketedRecipient(await mime.build()),
    })) as { message?: Buffer; messageId?: string };
    if (this.toFiles && info.message) {
      await mkdir(this.config.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${(info.messageId ?? 'mail').replace(/[^\w.-]/g, '')}.eml`;
      await writeFile(join(this.config.mailDir, name), info.message);
      this.logger.debug(`Wrote ${name}`);
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
