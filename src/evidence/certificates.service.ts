import { Injectable, type OnModuleInit } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { AppConfig } from '../platform/config/app-config.js';
import { Clock } from '../platform/clock/clock.js';
import { eventDates, shortDateTime } from '../platform/web/dates.js';
import { enGB } from '../platform/web/messages.en-GB.js';
import { RegistrationErasedHooks } from '../registrations/registration-erased.hooks.js';
import { AttendanceService, type CpdRecord } from './attendance.service.js';
import { CertificatesRepository, type CertificateCheck, type IssuedCertificate } from './certificates.repository.js';
import { newCode } from './room-code.js';

const CODE_LENGTH = 12;

export interface CertificateHolder {
  id: string;
  name: string;
}

export interface CertificateEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: string;
}

/** What a certificate says, and the code that proves it. */
export interface Certificate {
  issued: IssuedCertificate;
  record: CpdRecord;
  verifyUrl: string;
}

/**
 * CPD certificates: the sessions a delegate attended and their hours, with a verification
 * code anyone can check at /certificates/:code. The current certificate stands while
 * attendance stays as it was; when it changes a new one is issued and the old one says it
 * was replaced. An erased delegate's certificates are deleted with their data.
 */
@Injectable()
export class CertificatesService implements OnModuleInit {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly attendance: AttendanceService,
    private readonly erased: RegistrationErasedHooks,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.erased.register((manager, person) => this.certificates.deleteFor(manager, person.registrationId));
  }

  /** The delegate's current certificate, reissued if their attendance changed; none before they attended anything. */
  async current(holder: CertificateHolder): Promise<Certificate | undefined> {
    const record = await this.attendance.record(holder.id);
    if (record.sessions.length === 0) return undefined;
    const sessionsKey = record.sessions.map((s) => `${s.id}:${s.cpdMinutes}`).join(',');
    let issued = await this.certificates.current(holder.id);
    if (!issued || issued.sessionsKey !== sessionsKey || issued.minutes !== record.totalMinutes) {
      issued = await this.certificates.reissue(holder.id, {
        code: newCode(CODE_LENGTH),
        minutes: record.totalMinutes,
        sessionsKey,
        issuedAt: this.clock.now(),
      });
    }
    return { issued, record, verifyUrl: this.verifyUrl(issued.code) };
  }

  check(code: string): Promise<CertificateCheck | undefined> {
    const normalised = code.toUpperCase();
    return /^[A-HJ-NP-Z2-9]{12}$/.test(normalised) ? this.certificates.check(normalised) : Promise.resolve(undefined);
  }

  verifyUrl(code: string): string {
    return `${this.config.appUrl.replace(/\/+$/, '')}/certificates/${code}`;
  }

  /** The certificate as a PDF (pdfkit: drawn here, no browser involved). */
  pdf(holder: CertificateHolder, event: CertificateEvent, certificate: Certificate): Promise<Buffer> {
    const m = enGB.evidence;
    const zone = event.timezone;
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: m.certificateTitle, Author: enGB.site.name },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    doc.fontSize(24).text(m.certificateTitle, { align: 'center' });
    doc.moveDown();
    doc.fontSize(12).text(m.certifies, { align: 'center' });
    doc.moveDown(0.5);
    doc.fontSize(20).text(holder.name, { align: 'center' });
    doc.moveDown(0.5);
    doc.fontSize(12).text(m.attendedEvent, { align: 'center' });
    doc.moveDown(0.5);
    doc.fontSize(16).text(event.title, { align: 'center' });
    doc
      .fontSize(12)
      .text(`${eventDates(event.startsAt, event.endsAt, zone, enGB.locale)}, ${event.venue}`, { align: 'center' });
    doc.moveDown();
    doc.fontSize(12).text(m.sessionsAttended);
    for (const session of certificate.record.sessions) {
      doc.text(
        `• ${session.title} (${shortDateTime(session.startsAt, zone, enGB.locale)}): ${m.hours(session.cpdMinutes)}`,
      );
    }
    doc.moveDown();
    doc.fontSize(14).text(m.cpdTotal(m.hours(certificate.record.totalMinutes)));
    doc.moveDown(2);
    doc.fontSize(10).text(m.verifyWith(certificate.issued.code, certificate.verifyUrl));
    doc.end();
    return done;
  }
}
