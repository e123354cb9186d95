import type { CanvasNote } from '../canvas-note.entity.js';
import type { CanvasSection } from '../canvas-section.js';
import type { Canvas, CanvasStatus } from '../canvas.entity.js';

export interface NoteResponse {
  id: string;
  section: string;
  text: string;
  authorName: string | null;
  group: string | null;
  cluster: string | null;
  /** Own dots plus those of notes merged into this one. */
  dots: number;
  hidden: boolean;
  mergedIntoId: string | null;
  createdAt: string;
}

export interface StaffNoteResponse extends NoteResponse {
  ownDots: number;
  /** The originals merged into this note, with their own dots. */
  mergedFrom: NoteResponse[];
}

export interface CanvasSummaryResponse {
  id: string;
  eventId: string;
  sessionId: string | null;
  title: string;
  joinCode: string;
  anonymous: boolean;
  dotsPerPerson: number;
  status: CanvasStatus;
  sections: CanvasSection[];
  createdAt: string;
}

export interface CanvasResponse extends Omit<CanvasSummaryResponse, 'sections'> {
  sections: Array<CanvasSection & { notes: StaffNoteResponse[] }>;
}

export interface PublicCanvasResponse {
  id: string;
  title: string;
  joinCode: string;
  anonymous: boolean;
  dotsPerPerson: number;
  status: CanvasStatus;
  sections: Array<CanvasSection & { notes: NoteResponse[] }>;
  /** The caller's dots, when they have a participant cookie or delegate token. */
  me: { dotsUsed: number; dotsLeft: number } | null;
}

export interface TemplateResponse {
  key: string;
  title: string;
  builtIn: boolean;
  sections: CanvasSection[];
}

export const toNoteResponse = (note: CanvasNote): NoteResponse => ({
  id: note.id,
  section: note.sectionKey,
  text: note.text,
  authorName: note.authorName,
  group: note.groupName,
  cluster: note.cluster,
  dots: note.dots,
  hidden: note.hidden,
  mergedIntoId: note.mergedIntoId,
  createdAt: note.createdAt.toISOString(),
});

/** What the public stream may carry: a hidden note's text stays with the facilitators. */
export const toPublicNoteEvent = (note: NoteResponse): NoteResponse | { id: string; hidden: true } =>
  note.hidden ? { id: note.id, hidden: true } : note;

export const toCanvasSummary = (canvas: Canvas): CanvasSummaryResponse => ({
  id: canvas.id,
  eventId: canvas.eventId,
  sessionId: canvas.sessionId,
  title: canvas.title,
  joinCode: canvas.joinCode,
  anonymous: canvas.anonymous,
  dotsPerPerson: canvas.dotsPerPerson,
  status: canvas.status,
  sections: canvas.sections,
  createdAt: canvas.createdAt.toISOString(),
});

/** Top-level notes (not merged away) per section, each with its merged originals. */
export function toCanvasResponse(canvas: Canvas, notes: CanvasNote[]): CanvasResponse {
  const originals = new Map<string, NoteResponse[]>();
  for (const note of notes) {
    if (!note.mergedIntoId) continue;
    const list = originals.get(note.mergedIntoId) ?? [];
    list.push(toNoteResponse(note));
    originals.set(note.mergedIntoId, list);
  }
  const summary = toCanvasSummary(canvas);
  return {
    ...summary,
    sections: canvas.sections.map((section) => ({
      ...section,
      notes: notes
        .filter((note) => note.sectionKey === section.key && !note.mergedIntoId)
        .map((note) => ({ ...toNoteResponse(note), ownDots: note.ownDots, mergedFrom: originals.get(note.id) ?? [] })),
    })),
  };
}
