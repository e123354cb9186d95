import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface IssuedCertificate {
  code: string;
  minutes: number;
  sessionsKey: string;
  issuedAt: Date;
}

/** What anyone with the code may see: the name, the event and the hours, and whether it still stands. */
export interface CertificateCheck {
  name: string;
  eventTitle: string;
  minutes: number;
  revoked: boolean;
}

/** A second issue at once for the same delegate (the one-current-certificate index). */
const currentTaken = (error: unknown): boolean =>
  (error as { code?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'uq_cpd_certificates_current';

/** Every query of CPD certificates. */
@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async current(registrationId: string): Promise<IssuedCertificate | undefined> {
    const rows: IssuedCertificate[] = await this.db.query(
      `SELECT code, minutes, sessions_key AS "sessionsKey", issued_at AS "issuedAt"
       FROM cpd_certificates WHERE registration_id = $1 AND revoked_at IS NULL`,
      [registrationId],
    );
    return rows[0];
  }

  /**
   * Revokes the current certificate (if any) and issues this one, in one transaction; if another
   * request issued one meanwhile, that one is returned instead.
   */
  async reissue(registrationId: string, issue: IssuedCertificate): Promise<IssuedCertificate> {
    try {
      await this.db.transaction(async (manager) => {
        await manager.query(
          `UPDATE cpd_certificates SET revoked_at = $2 WHERE registration_id = $1 AND revoked_at IS NULL`,
          [registrationId, issue.issuedAt],
        );
        await manager.query(
          `INSERT INTO cpd_certificates (code, registration_id, minutes, sessions_key, issued_at) VALUES ($1, $2, $3, $4, $5)`,
          [issue.code, registrationId, issue.minutes, issue.sessionsKey, issue.issuedAt],
        );
      });
      return issue;
    } catch (error) {
      if (!currentTaken(error)) throw error;
      const current = await this.current(registrationId);
      if (!current) throw error;
      return current;
    }
  }

  /** The certificate behind a code, unless its delegate was erased (their certificates go with them). */
  async check(code: string): Promise<CertificateCheck | undefined> {
    const rows: CertificateCheck[] = await this.db.query(
      `SELECT r.name, e.title AS "eventTitle", c.minutes, c.revoked_at IS NOT NULL AS revoked
       FROM cpd_certificates c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = r.event_id
       WHERE c.code = $1 AND r.erased_at IS NULL`,
      [code],
    );
    return rows[0];
  }

  async deleteFor(manager: EntityManager, registrationId: string): Promise<void> {
    await manager.query(`DELETE FROM cpd_certificates WHERE registration_id = $1`, [registrationId]);
  }
}
