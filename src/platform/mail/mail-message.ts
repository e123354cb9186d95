export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
  /** Content-ID, for an image the HTML shows inline as <img src="cid:…">. */
  cid?: string;
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
}
