import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Registration } from '../registration.entity.js';

/** The statements behind a personal link: find its registration, record its first use. */
@Injectable()
export class PersonalLinksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByTokenHash(tokenHash: string): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { tokenHash } });
  }

  /** Only the first use is recorded; a concurrent second use changes nothing. */
  async markLinkUsed(registrationId: string, at: Date): Promise<void> {
    await this.db.getRepository(Registration).update({ id: registrationId, linkUsedAt: IsNull() }, { linkUsedAt: at });
  }
}
