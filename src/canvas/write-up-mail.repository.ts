import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface WriteUpRecipient {
  id: string;
  email: string;
  name: string;
  linkUsedAt: Date | null;
}

/** Delegates who posted on a canvas under their own identity (`d:<registration id>`), still reachable. */
const POSTED_DELEGATES_SQL = `
  SELECT r.id::text AS id, r.email, r.name, r.link_used_at AS "linkUsedAt"
  FROM registrations r
  WHERE r.id IN (
      SELECT substring(n.participant_key FROM 3)::uuid FROM canvas_notes n
      WHERE n.canvas_id = $1 AND n.participant_key LIKE 'd:%')
    AND r.event_id = $2 AND r.status <> 'cancelled' AND r.erased_at IS NULL
  ORDER BY r.id`;

const RECIPIENT_SQL = `
  SELECT r.id::text AS id, r.email, r.name, r.link_used_at AS "linkUsedAt"
  FROM registrations r WHERE r.id = $1 AND r.status <> 'cancelled' AND r.erased_at IS NULL`;

@Injectable()
export class WriteUpMailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  postedDelegates(
    canvasId: string,
    eventId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WriteUpRecipient[]> {
    return manager.query<WriteUpRecipient[]>(POSTED_DELEGATES_SQL, [canvasId, eventId]);
  }

  async recipient(registrationId: string): Promise<WriteUpRecipient | undefined> {
    const rows = await this.dataSource.query<WriteUpRecipient[]>(RECIPIENT_SQL, [registrationId]);
    return rows[0];
  }
}
