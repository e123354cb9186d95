import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AgendaSession } from '../agenda/agenda-session.entity.js';
import { CanvasEvent } from './canvas-event.entity.js';
import { CanvasNote } from './canvas-note.entity.js';
import { CanvasParticipant } from './canvas-participant.entity.js';
import type { CanvasSection } from './canvas-section.js';
import { CanvasTemplate } from './canvas-template.entity.js';
import { Canvas } from './canvas.entity.js';
import { NoteDot } from './note-dot.entity.js';

/**
 * `$1` a participant key: its notes lose their author's name, and so do those notes wherever a
 * stored live event carries them (as `note`, or as the `into` of a merge). One statement.
 */
const ERASE_AUTHOR_SQL = `
  WITH erased AS (
    UPDATE canvas_notes SET author_name = NULL WHERE participant_key = $1 RETURNING id::text AS id, canvas_id
  ), ids AS (SELECT coalesce(array_agg(id), '{}') AS ids FROM erased)
  UPDATE canvas_events e SET payload = e.payload
    || CASE WHEN e.payload->'note'->>'id' = ANY(ids.ids)
         THEN jsonb_build_object('note', (e.payload->'note') || '{"authorName": null}'::jsonb) ELSE '{}'::jsonb END
    || CASE WHEN e.payload->'into'->>'id' = ANY(ids.ids)
         THEN jsonb_build_object('into', (e.payload->'into') || '{"authorName": null}'::jsonb) ELSE '{}'::jsonb END
  FROM ids
  WHERE e.canvas_id IN (SELECT canvas_id FROM erased)
    AND (e.payload->'note'->>'id' = ANY(ids.ids) OR e.payload->'into'->>'id' = ANY(ids.ids))`;

/** A row of the export, in the order of the columns. */
export interface ExportRow {
  id: string;
  sectionKey: string;
  section: string;
  text: string;
  /** The name shown: the author's, or "Anonymous". */
  author: string;
  /** The author's name as given; null for an anonymous note. */
  authorName: string | null;
  /** The note this one was merged into (it then counts as hidden). */
  mergedInto: string | null;
  group: string | null;
  cluster: string | null;
  dots: number;
  hidden: boolean;
  createdAt: Date;
}

/**
 * The export's rows in order: section (the canvas's order), cluster (labelled first),
 * dots (most first), then time. Hidden and merged-away notes only when asked for.
 * `$1` is the canvas id; `$2` whether to include hidden notes.
 */
export const EXPORT_ROWS_SQL = `
  WITH s AS (
    SELECT e->>'key' AS key, e->>'title' AS title, t.pos
    FROM canvases c, jsonb_array_elements(c.sections) WITH ORDINALITY AS t(e, pos)
    WHERE c.id = $1
  )
  SELECT n.id, n.section_key AS "sectionKey", coalesce(s.title, n.section_key) AS section, n.text,
         coalesce(nullif(n.author_name, ''), 'Anonymous') AS author, nullif(n.author_name, '') AS "authorName",
         n.merged_into_id AS "mergedInto", n.group_name AS "group", n.cluster,
         n.dots, (n.hidden OR n.merged_into_id IS NOT NULL) AS hidden, n.created_at AS "createdAt"
  FROM canvas_notes n LEFT JOIN s ON s.key = n.section_key
  WHERE n.canvas_id = $1 AND ($2::boolean OR (NOT n.hidden AND n.merged_into_id IS NULL))
  ORDER BY s.pos NULLS LAST, n.cluster NULLS LAST, n.dots DESC, n.created_at, n.id`;

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const csvSafe = (column: string): string =>
  `CASE WHEN ${column} ~ '^[=+@\\t\\r-]' THEN '''' || ${column} ELSE ${column} END`;

/**
 * The same rows formatted by PostgreSQL for COPY … TO STDOUT (CSV). COPY takes no bind
 * parameters, so the two values are inlined as escaped literals.
 */
export function exportCopySql(canvasIdLiteral: string, includeHidden: boolean): string {
  const rows = EXPORT_ROWS_SQL.replaceAll('$1', canvasIdLiteral).replaceAll(
    '$2::boolean',
    includeHidden ? 'true' : 'false',
  );
  return `COPY (
    SELECT section, ${csvSafe('text')} AS text, ${csvSafe('author')} AS author, ${csvSafe('"group"')} AS "group",
           ${csvSafe('cluster')} AS cluster, dots, CASE WHEN hidden THEN 'true' ELSE 'false' END AS hidden,
           to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
    FROM (${rows}) r
  ) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}

@Injectable()
export class CanvasesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findCanvas(id: string, manager: EntityManager = this.dataSource.manager): Promise<Canvas | null> {
    return manager.findOne(Canvas, { where: { id } });
  }

  /** The canvases of these sessions of an event, oldest first (a delegate's workshops on their page). */
  forSessions(eventId: string, sessionIds: string[]): Promise<Canvas[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(Canvas)
      .createQueryBuilder('c')
      .where('c.eventId = :eventId', { eventId })
      .andWhere('c.sessionId IN (:...sessionIds)', { sessionIds })
      .orderBy('c.createdAt', 'ASC')
      .getMany();
  }

  /** The open canvas with this code, else the most recently created closed one. */
  findByJoinCode(code: string): Promise<Canvas | null> {
    return this.dataSource
      .getRepository(Canvas)
      .createQueryBuilder('c')
      .where('c.joinCode = :code', { code })
      .orderBy(`CASE WHEN c.status = 'open' THEN 0 ELSE 1 END`)
      .addOrderBy('c.createdAt', 'DESC')
      .limit(1)
      .getOne();
  }

  async eventTimezone(eventId: string): Promise<string> {
    const rows = await this.dataSource.query<Array<{ timezone: string }>>(`SELECT timezone FROM events WHERE id = $1`, [
      eventId,
    ]);
    return rows[0]?.timezone ?? 'UTC';
  }

  async sessionBelongsToEvent(sessionId: string, eventId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(AgendaSession)
      .exists({ where: { id: sessionId, eventId, removedAt: IsNull() } });
  }

  /** The event's sessions a canvas may belong to, in agenda order (the console's picker). */
  eventSessions(eventId: string): Promise<Array<{ id: string; title: string }>> {
    return this.dataSource.getRepository(AgendaSession).find({
      where: { eventId, removedAt: IsNull() },
      select: { id: true, title: true },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  insertCanvas(manager: EntityManager, values: Partial<Canvas>): Promise<Canvas> {
    return manager.save(manager.create(Canvas, values));
  }

  /** Every note of a canvas, wall order (cluster, dots, time). */
  listNotes(canvasId: string): Promise<CanvasNote[]> {
    return this.dataSource.getRepository(CanvasNote).find({
      where: { canvasId },
      order: { cluster: { direction: 'ASC', nulls: 'LAST' }, dots: 'DESC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Notes the public sees: not hidden, not merged away. */
  listVisibleNotes(canvasId: string): Promise<CanvasNote[]> {
    return this.dataSource
      .getRepository(CanvasNote)
      .createQueryBuilder('n')
      .where('n.canvasId = :canvasId AND NOT n.hidden AND n.mergedIntoId IS NULL', { canvasId })
      .orderBy('n.cluster', 'ASC', 'NULLS LAST')
      .addOrderBy('n.dots', 'DESC')
      .addOrderBy('n.createdAt', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .getMany();
  }

  /** These notes of the canvas as they are now (a stream's replay shows current state, not history). */
  notesNow(canvasId: string, noteIds: string[]): Promise<CanvasNote[]> {
    if (noteIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(CanvasNote)
      .createQueryBuilder('n')
      .where('n.canvasId = :canvasId AND n.id IN (:...noteIds)', { canvasId, noteIds })
      .getMany();
  }

  findNote(manager: EntityManager, canvasId: string, noteId: string, lock = false): Promise<CanvasNote | null> {
    return manager.findOne(CanvasNote, {
      where: { id: noteId, canvasId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /**
   * Takes the canvas row lock and the next event number in one statement. Every change to a
   * canvas goes through here first, so events are numbered in commit order and a reconnecting
   * stream never skips one that commits late.
   */
  async nextEventSeq(manager: EntityManager, canvasId: string): Promise<{ seq: string; status: string } | undefined> {
    const rows = await manager.query<[Array<{ seq: string; status: string }>, number]>(
      `UPDATE canvases SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq::text AS seq, status`,
      [canvasId],
    );
    return rows[0][0];
  }

  async setStatus(manager: EntityManager, canvasId: string, status: 'open' | 'closed'): Promise<void> {
    await manager.update(Canvas, { id: canvasId }, { status });
  }

  /** The facilitator's settings of a canvas (timer, private writing, names on the screens). */
  async updateCanvas(
    manager: EntityManager,
    canvasId: string,
    values: Partial<Pick<Canvas, 'writePrivately' | 'revealedSections' | 'hideAuthors' | 'timerLabel' | 'timerEndsAt'>>,
  ): Promise<Canvas> {
    await manager.update(Canvas, { id: canvasId }, values);
    return manager.findOneOrFail(Canvas, { where: { id: canvasId } });
  }

  /** Relabels every note of a cluster (merged-away ones too, so the export agrees); how many. */
  async renameCluster(manager: EntityManager, canvasId: string, from: string, to: string | null): Promise<number> {
    const result = await manager.update(CanvasNote, { canvasId, cluster: from }, { cluster: to });
    return result.affected ?? 0;
  }

  /** An event's canvases, newest first (the console's list). */
  listForEvent(eventId: string): Promise<Canvas[]> {
    return this.dataSource.getRepository(Canvas).find({ where: { eventId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async setJoinCode(manager: EntityManager, canvasId: string, joinCode: string): Promise<void> {
    await manager.update(Canvas, { id: canvasId }, { joinCode });
  }

  async appendEvent(
    manager: EntityManager,
    canvasId: string,
    seq: string,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(`INSERT INTO canvas_events (canvas_id, seq, type, payload) VALUES ($1, $2, $3, $4)`, [
      canvasId,
      seq,
      type,
      JSON.stringify(payload),
    ]);
  }

  /** Events after `afterSeq`, oldest first (for Last-Event-ID catch-up). */
  eventsAfter(canvasId: string, afterSeq: string, upToSeq?: string, limit = 500): Promise<CanvasEvent[]> {
    const query = this.dataSource
      .getRepository(CanvasEvent)
      .createQueryBuilder('e')
      .where('e.canvasId = :canvasId AND e.seq > :afterSeq', { canvasId, afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit);
    if (upToSeq !== undefined) query.andWhere('e.seq <= :upToSeq', { upToSeq });
    return query.getMany();
  }

  insertNote(manager: EntityManager, values: Partial<CanvasNote>): Promise<CanvasNote> {
    return manager.save(manager.create(CanvasNote, values));
  }

  saveNote(manager: EntityManager, note: CanvasNote): Promise<CanvasNote> {
    return manager.save(note);
  }

  /** Points the notes merged into `fromId` at `toId`, so merges stay one level deep. */
  async repointMerged(manager: EntityManager, fromId: string, toId: string): Promise<void> {
    await manager.update(CanvasNote, { mergedIntoId: fromId }, { mergedIntoId: toId });
  }

  /**
   * Spends one of the participant's dots if they have one left: a conditional upsert on their
   * row, which also serialises simultaneous votes by the same person. False when none is left.
   */
  async takeDot(manager: EntityManager, canvasId: string, participantKey: string, limit: number): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO canvas_participants (canvas_id, participant_key, dots_used)
       SELECT $1, $2, 1 WHERE $3::int > 0
       ON CONFLICT (canvas_id, participant_key)
       DO UPDATE SET dots_used = canvas_participants.dots_used + 1 WHERE canvas_participants.dots_used < $3::int
       RETURNING dots_used`,
      [canvasId, participantKey, limit],
    );
    return rows.length > 0;
  }

  async dotsUsed(canvasId: string, participantKey: string): Promise<number> {
    const row = await this.dataSource
      .getRepository(CanvasParticipant)
      .findOne({ where: { canvasId, participantKey }, select: { dotsUsed: true } });
    return row?.dotsUsed ?? 0;
  }

  async addDot(manager: EntityManager, canvasId: string, noteId: string, participantKey: string): Promise<void> {
    await manager.insert(NoteDot, { canvasId, noteId, participantKey });
    await manager.increment(CanvasNote, { id: noteId }, 'ownDots', 1);
    await manager.increment(CanvasNote, { id: noteId }, 'dots', 1);
  }

  /** The shared templates, and the event's own when an event is given. */
  listTemplates(eventId: string | undefined): Promise<CanvasTemplate[]> {
    return this.dataSource.getRepository(CanvasTemplate).find({
      where: eventId ? [{ shared: true }, { eventId }] : { shared: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** The event's own template with this key, else the shared one. */
  async findTemplate(eventId: string, key: string): Promise<CanvasTemplate | null> {
    const repo = this.dataSource.getRepository(CanvasTemplate);
    return (await repo.findOne({ where: { key, eventId } })) ?? repo.findOne({ where: { key, shared: true } });
  }

  async insertTemplate(values: {
    key: string;
    title: string;
    sections: CanvasSection[];
    createdById: string;
    eventId: string;
    shared: boolean;
  }): Promise<CanvasTemplate> {
    const repo = this.dataSource.getRepository(CanvasTemplate);
    return repo.save(repo.create(values));
  }

  /** Takes the author's name off this participant's notes and their live events, so no replay brings it back. */
  async eraseAuthor(manager: EntityManager, participantKey: string): Promise<void> {
    await manager.query(ERASE_AUTHOR_SQL, [participantKey]);
  }
}
