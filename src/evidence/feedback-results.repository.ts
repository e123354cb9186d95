import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FeedbackRound } from './feedback.entity.js';
import { GROUP_COMMENTS_SQL, GROUP_COUNTS_SQL, GROUP_RATINGS_SQL } from './feedback-results.sql.js';

export interface GroupCount {
  key: string;
  n: number;
}
export interface GroupRating {
  key: string;
  questionId: string;
  rating: number;
  n: number;
}
export interface GroupComment {
  key: string;
  text: string;
}
export interface EventSpeaker {
  id: string;
  name: string;
  sessionIds: string[];
}

/** The aggregates results are drawn from; the answers of a group below the minimum never leave the database. */
@Injectable()
export class FeedbackResultsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async aggregates(
    eventId: string,
    round: FeedbackRound,
    minimum: number,
  ): Promise<{ counts: GroupCount[]; ratings: GroupRating[]; comments: GroupComment[] }> {
    const [counts, ratings, comments] = await Promise.all([
      this.db.query<GroupCount[]>(GROUP_COUNTS_SQL, [eventId, round, minimum]),
      this.db.query<GroupRating[]>(GROUP_RATINGS_SQL, [eventId, round, minimum]),
      this.db.query<GroupComment[]>(GROUP_COMMENTS_SQL, [eventId, round, minimum]),
    ]);
    return { counts, ratings, comments };
  }

  /** The event's speakers with the scheduled sessions they speak in. */
  speakers(eventId: string): Promise<EventSpeaker[]> {
    return this.db.query(
      `SELECT sp.id, sp.name, COALESCE(array_agg(s.id ORDER BY s.starts_at) FILTER (WHERE s.id IS NOT NULL), '{}') AS "sessionIds"
       FROM speakers sp
       LEFT JOIN session_speakers ss ON ss.speaker_id = sp.id
       LEFT JOIN sessions s ON s.id = ss.session_id AND s.status = 'scheduled' AND s.removed_at IS NULL
       WHERE sp.event_id = $1
       GROUP BY sp.id, sp.name ORDER BY sp.name, sp.id`,
      [eventId],
    );
  }

  async speaker(speakerId: string): Promise<{ id: string; eventId: string; name: string } | undefined> {
    const rows: Array<{ id: string; eventId: string; name: string }> = await this.db.query(
      `SELECT id, event_id AS "eventId", name FROM speakers WHERE id = $1`,
      [speakerId],
    );
    return rows[0];
  }

  /** Replaces the speaker's results link (the old one stops working). */
  async setLink(speakerId: string, eventId: string, tokenHash: string): Promise<void> {
    await this.db.query(
      `INSERT INTO speaker_result_links (speaker_id, event_id, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (speaker_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [speakerId, eventId, tokenHash],
    );
  }

  async speakerByLink(tokenHash: string): Promise<{ speakerId: string; eventId: string } | undefined> {
    const rows: Array<{ speakerId: string; eventId: string }> = await this.db.query(
      `SELECT l.speaker_id AS "speakerId", l.event_id AS "eventId" FROM speaker_result_links l
       JOIN speakers sp ON sp.id = l.speaker_id WHERE l.token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }
}
