import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A delegate's reflection on one session they attended. */
export interface Reflection {
  sessionId: string;
  learned: string;
  applying: string;
  updatedAt: Date;
}

/** Every query of session reflections. */
@Injectable()
export class ReflectionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  forDelegate(registrationId: string): Promise<Reflection[]> {
    return this.db.query(
      `SELECT session_id AS "sessionId", learned, applying, updated_at AS "updatedAt"
         FROM session_reflections WHERE registration_id = $1`,
      [registrationId],
    );
  }

  async save(registrationId: string, reflection: Reflection): Promise<void> {
    await this.db.query(
      `INSERT INTO session_reflections (registration_id, session_id, learned, applying, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (registration_id, session_id)
       DO UPDATE SET learned = EXCLUDED.learned, applying = EXCLUDED.applying, updated_at = EXCLUDED.updated_at`,
      [registrationId, reflection.sessionId, reflection.learned, reflection.applying, reflection.updatedAt],
    );
  }

  async delete(registrationId: string, sessionId: string): Promise<void> {
    await this.db.query(`DELETE FROM session_reflections WHERE registration_id = $1 AND session_id = $2`, [
      registrationId,
      sessionId,
    ]);
  }

  async deleteFor(manager: EntityManager, registrationId: string): Promise<void> {
    await manager.query(`DELETE FROM session_reflections WHERE registration_id = $1`, [registrationId]);
  }
}
