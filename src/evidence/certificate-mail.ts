import { Injectable, type OnModuleInit } from '@nestjs/common';
import { enGB } from '../platform/web/messages.en-GB.js';
import { FollowUpMailHooks } from '../reminders/follow-up-mail.hooks.js';
import { CertificatesService } from './certificates.service.js';

/**
 * The CPD certificate goes out with the event's follow-up email, as a PDF, to a delegate who
 * attended at least one session: the one they would download from their personal page.
 */
@Injectable()
export class CertificateMail implements OnModuleInit {
  constructor(
    private readonly followUpMail: FollowUpMailHooks,
    private readonly certificates: CertificatesService,
  ) {}

  onModuleInit(): void {
    this.followUpMail.register(async ({ registration, event }, additions) => {
      const certificate = await this.certificates.current(registration);
      if (!certificate) return;
      const m = enGB.evidence;
      additions.paragraphs.push(m.certificateAttached(m.hours(certificate.record.totalMinutes), certificate.verifyUrl));
      additions.attachments.push({
        filename: m.certificateFileName(certificate.issued.code),
        contentType: 'application/pdf',
        content: await this.certificates.pdf(registration, event, certificate),
      });
    });
  }
}
