import { Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { AuthUser } from '../identity/auth-user.js';
import { EventAccessService } from '../identity/event-access.service.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { CanvasNote } from './canvas-note.entity.js';
import type { ParticipantRequest } from './participant-request.js';
import { CanvasParticipants } from './canvas-participants.js';
import type { CanvasSection } from './canvas-section.js';
import { builtInTemplate, BUILT_IN_TEMPLATES, MOVEMENT_BUILDING } from './canvas-templates.js';
import { CanvasError, canvasError } from './canvas.errors.js';
import type { Canvas } from './canvas.entity.js';
import { CanvasesRepository } from './canvases.repository.js';
import { isHeld, onScreen, screenRules } from './canvas-screen.js';
import type { FacilitationDto, RenameClusterDto, RevealDto, TimerDto } from './dto/facilitation.dto.js';
import { CanvasLive, type LiveEvent } from './canvas-live.js';
import {
  type CanvasResponse,
  type CanvasSummaryResponse,
  type DotResponse,
  type NoteResponse,
  type PublicCanvasResponse,
  type TemplateResponse,
  toCanvasResponse,
  toCanvasSummary,
  toFacilitation,
  toNoteResponse,
} from './dto/canvas.response.js';
import type { CreateCanvasDto } from './dto/create-canvas.dto.js';
import type { CreateNoteDto } from './dto/create-note.dto.js';
import type { SaveTemplateDto } from './dto/save-template.dto.js';
import type { UpdateNoteDto } from './dto/update-note.dto.js';
import { newJoinCode, normaliseJoinCode } from './join-code.js';

export const CANVAS_EVENT_TYPES = {
  created: 'note.created',
  changed: 'note.changed',
  hidden: 'note.hidden',
  merged: 'note.merged',
  voted: 'note.voted',
  closed: 'canvas.closed',
  reopened: 'canvas.reopened',
  timer: 'canvas.timer',
  facilitation: 'canvas.facilitation',
  clustersRenamed: 'clusters.renamed',
} as const;

const JOIN_CODE_ATTEMPTS = 8;
const isOpenCodeClash = (error: unknown): boolean =>
  error instanceof QueryFailedError &&
  (error.driverError as { constraint?: string }).constraint === 'uq_canvases_open_join_code';

interface Change<T> {
  result: T;
  type: string;
  payload: Record<string, unknown>;
}

@Injectable()
export class CanvasesService {
  constructor(
    private readonly canvases: CanvasesRepository,
    private readonly access: EventAccessService,
    private readonly participants: CanvasParticipants,
    private readonly live: CanvasLive,
    private readonly config: AppConfig,
  ) {}

  // ---- canvases ------------------------------------------------------------------------

  async create(eventId: string, dto: CreateCanvasDto, user: AuthUser): Promise<CanvasSummaryResponse> {
    const sections = dto.sections
      ? dto.sections.map(({ key, title, prompt }) => ({ key, title, prompt }))
      : await this.templateSections(eventId, dto.template ?? MOVEMENT_BUILDING.key);
    const keys = new Set(sections.map((section) => section.key));
    if (keys.size !== sections.length) {
      throw canvasError(CanvasError.DuplicateSection, 'Each section needs its own key; two sections share one.');
    }
    if (dto.sessionId && !(await this.canvases.sessionBelongsToEvent(dto.sessionId, eventId))) {
      throw canvasError(CanvasError.SessionNotInEvent, 'That session is not part of this event.');
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const canvas = await this.canvases.transaction((manager) =>
          this.canvases.insertCanvas(manager, {
            eventId,
            sessionId: dto.sessionId ?? null,
            title: dto.title,
            sections,
            joinCode: newJoinCode(),
            anonymous: dto.anonymous ?? true,
            dotsPerPerson: dto.dotsPerPerson ?? 3,
            status: 'open',
            createdById: user.id,
          }),
        );
        return toCanvasSummary(canvas);
      } catch (error) {
        // 31^6 codes: a clash with another open canvas is rare; draw again.
        if (!isOpenCodeClash(error) || attempt >= JOIN_CODE_ATTEMPTS) throw error;
      }
    }
  }

  /** Loads a canvas and checks the user facilitates its event. */
  async requireFacilitated(canvasId: string, user: AuthUser | undefined): Promise<Canvas> {
    const canvas = await this.canvases.findCanvas(canvasId);
    if (!canvas) throw canvasError(CanvasError.CanvasNotFound, 'That canvas was not found.');
    await this.access.requireRole(user, canvas.eventId, 'facilitator');
    return canvas;
  }

  async get(canvasId: string, user: AuthUser): Promise<CanvasResponse> {
    const canvas = await this.requireFacilitated(canvasId, user);
    return toCanvasResponse(canvas, await this.canvases.listNotes(canvas.id));
  }

  /** An event's canvases with their join codes (the event's guard has already checked the caller). */
  async listForEvent(eventId: string): Promise<CanvasSummaryResponse[]> {
    return (await this.canvases.listForEvent(eventId)).map(toCanvasSummary);
  }

  /** The event's time zone, for the timer's end shown without JavaScript. */
  timezone(eventId: string): Promise<string> {
    return this.canvases.eventTimezone(eventId);
  }

  eventSessions(eventId: string): Promise<Array<{ id: string; title: string }>> {
    return this.canvases.eventSessions(eventId);
  }

  /** A canvas of this event, for its console pages (the event's guard has already checked the caller). */
  async inEvent(eventId: string, canvasId: string): Promise<Canvas> {
    const canvas = await this.canvases.findCanvas(canvasId);
    if (!canvas || canvas.eventId !== eventId)
      throw canvasError(CanvasError.CanvasNotFound, 'That canvas was not found.');
    return canvas;
  }

  /** The canvases of the given sessions (the workshops a delegate has a place in). */
  forSessions(eventId: string, sessionIds: string[]): Promise<Canvas[]> {
    return this.canvases.forSessions(eventId, sessionIds);
  }

  /** The canvas a join code opens (404 for anything that is not one). */
  async byJoinCode(input: string): Promise<Canvas> {
    const code = normaliseJoinCode(input);
    const canvas = code ? await this.canvases.findByJoinCode(code) : null;
    if (!canvas) throw canvasError(CanvasError.CanvasNotFound, 'No canvas has that code; check it on the screen.');
    return canvas;
  }

  /**
   * The open canvas with this code, for the public to read: once closed, a canvas's notes are
   * the facilitators' (their export), and its code reads as unknown.
   */
  async openByJoinCode(input: string): Promise<Canvas> {
    const canvas = await this.byJoinCode(input);
    if (canvas.status !== 'open')
      throw canvasError(CanvasError.CanvasNotFound, 'No canvas has that code; check it on the screen.');
    return canvas;
  }

  /** The open canvas with this id, if the code is its code (the public wall's stream). */
  async byIdAndCode(canvasId: string, input: string): Promise<Canvas> {
    const canvas = await this.canvases.findCanvas(canvasId);
    if (!canvas || canvas.status !== 'open' || normaliseJoinCode(input) !== canvas.joinCode) {
      throw canvasError(CanvasError.CanvasNotFound, 'No canvas has that code; check it on the screen.');
    }
    return canvas;
  }

  /**
   * What a participant sees. To `join`, a newcomer to an anonymous canvas gets their participant
   * cookie now, so their first note is already throttled as them, not as the venue's address.
   */
  async publicView(canvas: Canvas, who: ParticipantRequest, use: 'join' | 'peek'): Promise<PublicCanvasResponse> {
    const rules = screenRules(canvas);
    const notes = (await this.canvases.listVisibleNotes(canvas.id)).filter((note) => !isHeld(rules, note.sectionKey));
    const participant = await this.participants
      .resolve(canvas, who, use)
      .catch(() => undefined);
    const dotsUsed = participant ? await this.canvases.dotsUsed(canvas.id, participant.key) : undefined;
    return {
      ...toFacilitation(canvas),
      id: canvas.id,
      title: canvas.title,
      joinCode: canvas.joinCode,
      anonymous: canvas.anonymous,
      dotsPerPerson: canvas.dotsPerPerson,
      status: canvas.status,
      sections: canvas.sections.map((section) => ({
        ...section,
        notes: notes
          .filter((note) => note.sectionKey === section.key)
          .map((note) => onScreen(toNoteResponse(note), rules) as NoteResponse),
      })),
      me: dotsUsed === undefined ? null : { dotsUsed, dotsLeft: Math.max(0, canvas.dotsPerPerson - dotsUsed) },
      seq: canvas.eventSeq,
    };
  }

  async setOpen(canvasId: string, user: AuthUser, open: boolean): Promise<CanvasSummaryResponse> {
    const canvas = await this.requireFacilitated(canvasId, user);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.change(canvas.id, async (manager) => {
          // Another open canvas may have taken this code while it was closed: give it a new one.
          if (open && attempt > 1) await this.canvases.setJoinCode(manager, canvas.id, newJoinCode());
          await this.canvases.setStatus(manager, canvas.id, open ? 'open' : 'closed');
          return {
            result: undefined,
            type: open ? CANVAS_EVENT_TYPES.reopened : CANVAS_EVENT_TYPES.closed,
            payload: {},
          };
        });
        break;
      } catch (error) {
        if (!isOpenCodeClash(error) || attempt >= JOIN_CODE_ATTEMPTS) throw error;
      }
    }
    return toCanvasSummary((await this.canvases.findCanvas(canvas.id))!);
  }

  /** The current step's timer on every screen; 0 minutes stops it. */
  async setTimer(canvasId: string, user: AuthUser, dto: TimerDto): Promise<CanvasSummaryResponse> {
    const canvas = await this.requireFacilitated(canvasId, user);
    const endsAt = dto.minutes > 0 ? new Date(Date.now() + dto.minutes * 60_000) : null;
    const label = endsAt && dto.label ? dto.label : null;
    return this.change(canvas.id, async (manager) => {
      const saved = await this.canvases.updateCanvas(manager, canvas.id, { timerEndsAt: endsAt, timerLabel: label });
      const summary = toCanvasSummary(saved);
      return { result: summary, type: CANVAS_EVENT_TYPES.timer, payload: { timer: summary.timer } };
    });
  }

  /** Write privately or openly, names on the screens or not. */
  async setFacilitation(canvasId: string, user: AuthUser, dto: FacilitationDto): Promise<CanvasSummaryResponse> {
    const canvas = await this.requireFacilitated(canvasId, user);
    return this.facilitate(canvas, {
      ...(dto.writePrivately !== undefined ? { writePrivately: dto.writePrivately } : {}),
      ...(dto.hideAuthors !== undefined ? { hideAuthors: dto.hideAuthors } : {}),
    });
  }

  /** Reveals a section's notes on the screens (or puts it back to private). */
  async reveal(canvasId: string, user: AuthUser, dto: RevealDto): Promise<CanvasSummaryResponse> {
    const canvas = await this.requireFacilitated(canvasId, user);
    requireSection(canvas, dto.section);
    const others = canvas.revealedSections.filter((key) => key !== dto.section);
    return this.facilitate(canvas, { revealedSections: dto.revealed === false ? others : [...others, dto.section] });
  }

  /** Relabels a cluster on every note that has it; renaming to "" takes the label off. */
  async renameCluster(canvasId: string, user: AuthUser, dto: RenameClusterDto): Promise<{ renamed: number }> {
    const canvas = await this.requireFacilitated(canvasId, user);
    return this.change(canvas.id, async (manager) => {
      const renamed = await this.canvases.renameCluster(manager, canvas.id, dto.from, dto.to || null);
      if (renamed === 0) {
        throw canvasError(CanvasError.ClusterNotFound, `No note of this canvas is in the cluster "${dto.from}".`);
      }
      return {
        result: { renamed },
        type: CANVAS_EVENT_TYPES.clustersRenamed,
        payload: { from: dto.from, to: dto.to || null },
      };
    });
  }

  /** Every screen gets the whole facilitation state, so each applies it without asking again. */
  private facilitate(
    canvas: Canvas,
    values: Partial<Pick<Canvas, 'writePrivately' | 'revealedSections' | 'hideAuthors'>>,
  ): Promise<CanvasSummaryResponse> {
    return this.change(canvas.id, async (manager) => {
      const saved = await this.canvases.updateCanvas(manager, canvas.id, values);
      const summary = toCanvasSummary(saved);
      return { result: summary, type: CANVAS_EVENT_TYPES.facilitation, payload: { rules: screenRules(saved) } };
    });
  }

  // ---- notes -------------------------------------------------------------------------------

  async postNote(joinCode: string, dto: CreateNoteDto, who: ParticipantRequest): Promise<NoteResponse> {
    const canvas = await this.byJoinCode(joinCode);
    if (canvas.status !== 'open') throw closed();
    const participant = (await this.participants.resolve(canvas, who, 'note'))!;
    requireSection(canvas, dto.section);
    // On a canvas for registered delegates a note is signed by its delegate, never by a typed name.
    const authorName = canvas.anonymous ? dto.authorName || null : (participant.delegate?.name ?? null);
    return this.change(canvas.id, async (manager, status) => {
      if (status !== 'open') throw closed();
      const note = await this.canvases.insertNote(manager, {
        canvasId: canvas.id,
        sectionKey: dto.section,
        text: dto.text,
        authorName: authorName || null,
        groupName: dto.group || null,
        participantKey: participant.key,
      });
      const response = toNoteResponse(note);
      return { result: response, type: CANVAS_EVENT_TYPES.created, payload: { note: response } };
    });
  }

  async updateNote(canvasId: string, noteId: string, dto: UpdateNoteDto, user: AuthUser): Promise<NoteResponse> {
    const canvas = await this.requireFacilitated(canvasId, user);
    if (dto.section !== undefined) requireSection(canvas, dto.section);
    return this.change(canvas.id, async (manager) => {
      const note = await this.lockedNote(manager, canvas.id, noteId);
      if (dto.section !== undefined) note.sectionKey = dto.section;
      if (dto.cluster !== undefined) note.cluster = dto.cluster ? dto.cluster : null;
      if (dto.hidden !== undefined) note.hidden = dto.hidden;
      if (dto.mergedInto === undefined) {
        const saved = await this.canvases.saveNote(manager, note);
        const response = toNoteResponse(saved);
        const type = dto.hidden === true ? CANVAS_EVENT_TYPES.hidden : CANVAS_EVENT_TYPES.changed;
        return { result: response, type, payload: { note: response } };
      }
      const into = await this.mergeTarget(manager, canvas.id, note, dto.mergedInto);
      await this.canvases.repointMerged(manager, note.id, into.id);
      note.mergedIntoId = into.id;
      into.dots += note.dots;
      const saved = await this.canvases.saveNote(manager, note);
      const savedInto = await this.canvases.saveNote(manager, into);
      const response = toNoteResponse(saved);
      return {
        result: response,
        type: CANVAS_EVENT_TYPES.merged,
        payload: { note: response, into: toNoteResponse(savedInto) },
      };
    });
  }

  /** One dot from this participant on a note, within the canvas's per-person limit. */
  async dot(joinCode: string, noteId: string, who: ParticipantRequest): Promise<DotResponse> {
    const canvas = await this.byJoinCode(joinCode);
    if (canvas.status !== 'open') throw closed();
    const participant = (await this.participants.resolve(canvas, who, 'dot'))!;
    return this.change(
      canvas.id,
      async (manager, status) => {
        if (status !== 'open') throw closed();
        let note = await this.lockedNote(manager, canvas.id, noteId);
        // A dot on a note that was merged away goes to the note it now lives in.
        if (note.mergedIntoId) note = await this.lockedNote(manager, canvas.id, note.mergedIntoId);
        if (note.hidden) throw canvasError(CanvasError.NoteNotFound, 'That note was not found on this canvas.');
        await this.canvases.addDot(manager, canvas.id, note.id, participant.key);
        const updated = (await this.canvases.findNote(manager, canvas.id, note.id))!;
        const response = toNoteResponse(updated);
        return { result: response, type: CANVAS_EVENT_TYPES.voted, payload: { note: response } };
      },
      async (manager) => {
        // The participant's own row is the guard: taken before the canvas row, so simultaneous
        // votes by one person queue here and the limit holds.
        if (!(await this.canvases.takeDot(manager, canvas.id, participant.key, canvas.dotsPerPerson))) {
          throw canvasError(
            CanvasError.DotLimitReached,
            `You have used all ${canvas.dotsPerPerson} of your dots on this canvas.`,
          );
        }
      },
    ).then(async (note) => ({
      ...note,
      dotsLeft: Math.max(0, canvas.dotsPerPerson - (await this.canvases.dotsUsed(canvas.id, participant.key))),
    }));
  }

  // ---- templates ---------------------------------------------------------------------------

  /** The built-in and shared templates, and (for its staff) the event's own. */
  async listTemplates(user: AuthUser, eventId: string | undefined): Promise<TemplateResponse[]> {
    if (eventId) await this.access.requireRole(user, eventId, 'facilitator');
    const saved = await this.canvases.listTemplates(eventId);
    return [
      ...BUILT_IN_TEMPLATES.map((t) => ({
        key: t.key,
        title: t.title,
        builtIn: true,
        shared: true,
        sections: t.sections,
      })),
      ...saved.map((t) => ({ key: t.key, title: t.title, builtIn: false, shared: t.shared, sections: t.sections })),
    ];
  }

  async saveAsTemplate(canvasId: string, dto: SaveTemplateDto, user: AuthUser): Promise<TemplateResponse> {
    const canvas = await this.requireFacilitated(canvasId, user);
    const shared = dto.shared === true;
    // Sharing puts the template before every event's staff: an organiser's decision.
    if (shared) await this.access.requireRole(user, canvas.eventId, 'organiser');
    if (builtInTemplate(dto.key)) {
      throw canvasError(CanvasError.TemplateKeyTaken, 'That key belongs to a built-in template; choose another key.');
    }
    const saved = await this.canvases.insertTemplate({
      key: dto.key,
      title: dto.title,
      sections: canvas.sections,
      createdById: user.id,
      eventId: canvas.eventId,
      shared,
    });
    return { key: saved.key, title: saved.title, builtIn: false, shared: saved.shared, sections: saved.sections };
  }

  // ---- internals -------------------------------------------------------------------------

  private async templateSections(eventId: string, key: string): Promise<CanvasSection[]> {
    const builtIn = builtInTemplate(key);
    if (builtIn) return builtIn.sections.map((section) => ({ ...section }));
    const saved = await this.canvases.findTemplate(eventId, key);
    if (!saved) {
      throw canvasError(
        CanvasError.TemplateNotFound,
        `There is no template "${key}"; list them at GET /api/canvas-templates.`,
      );
    }
    return saved.sections;
  }

  private async lockedNote(manager: EntityManager, canvasId: string, noteId: string): Promise<CanvasNote> {
    const note = await this.canvases.findNote(manager, canvasId, noteId, true);
    if (!note) throw canvasError(CanvasError.NoteNotFound, 'That note was not found on this canvas.');
    return note;
  }

  private async mergeTarget(
    manager: EntityManager,
    canvasId: string,
    note: CanvasNote,
    targetId: string,
  ): Promise<CanvasNote> {
    if (note.mergedIntoId) {
      throw canvasError(CanvasError.NoteMerged, 'That note has already been merged into another one.');
    }
    let target = await this.canvases.findNote(manager, canvasId, targetId, true);
    if (!target) throw canvasError(CanvasError.BadMerge, 'Merge into a note of the same canvas.');
    if (target.mergedIntoId) target = await this.lockedNote(manager, canvasId, target.mergedIntoId);
    if (target.id === note.id) throw canvasError(CanvasError.BadMerge, 'A note cannot be merged into itself.');
    return target;
  }

  /**
   * Runs one change to a canvas in a transaction that also records it as the canvas's next
   * event, then publishes that event once committed. `before` runs first in the same
   * transaction (locks that must come before the canvas row).
   */
  private async change<T>(
    canvasId: string,
    work: (manager: EntityManager, status: string) => Promise<Change<T>>,
    before?: (manager: EntityManager) => Promise<void>,
  ): Promise<T> {
    const { result, event } = await this.canvases.transaction(async (manager) => {
      if (before) await before(manager);
      const next = await this.canvases.nextEventSeq(manager, canvasId);
      if (!next) throw canvasError(CanvasError.CanvasNotFound, 'That canvas was not found.');
      const change = await work(manager, next.status);
      await this.canvases.appendEvent(manager, canvasId, next.seq, change.type, change.payload);
      const event: LiveEvent = { canvasId, seq: next.seq, type: change.type, payload: change.payload };
      return { result: change.result, event };
    });
    await this.live.publish(event);
    return result;
  }
}

const closed = () =>
  canvasError(CanvasError.CanvasClosed, 'This canvas is closed; the facilitator has stopped taking notes.');

function requireSection(canvas: Canvas, key: string): void {
  if (!canvas.sections.some((section) => section.key === key)) {
    throw canvasError(
      CanvasError.UnknownSection,
      `This canvas has no section "${key}"; use one of: ${canvas.sections.map((s) => s.key).join(', ')}.`,
    );
  }
}
