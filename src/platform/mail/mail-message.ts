export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

/** A composed email, ready for the transport. */
export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
  /** Stable id so a repeated send can be recognised by the receiving side. */
  messageId?: string;
  /**
   * Mail a delegate may opt out of (reminders, follow-ups) is a list: `id` names it (List-Id,
   * RFC 2919, on the sender's domain) and `unsubscribeUrl` is its one-click opt-out (RFC 8058),
   * sent as List-Unsubscribe with List-Unsubscribe-Post.
   */
  list?: { id: string; unsubscribeUrl: string };
}
