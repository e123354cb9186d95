import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CanvasNote } from '../canvas-note.entity.js';
import type { CanvasSection } from '../canvas-section.js';
import { CANVAS_STATUSES, type Canvas, type CanvasStatus } from '../canvas.entity.js';

export class SectionResponse implements CanvasSection {
  @ApiProperty({ example: 'values' }) key!: string;
  @ApiProperty({ example: 'Shared values' }) title!: string;
  @ApiProperty({ example: 'What do we believe in together?' }) prompt!: string;
}

export class NoteResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Section key.' }) section!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null means "Anonymous".' }) authorName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Table or group.' }) group!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Cluster label set by the facilitator.' })
  cluster!: string | null;
  @ApiProperty({ description: 'Own dots plus those of notes merged into this one.' }) dots!: number;
  @ApiProperty() hidden!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The note this one was merged into.' })
  mergedIntoId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DotResponse extends NoteResponse {
  @ApiProperty({ description: "The caller's dots left on this canvas." }) dotsLeft!: number;
}

export class StaffNoteResponse extends NoteResponse {
  @ApiProperty({ description: 'Dots cast on this note itself.' }) ownDots!: number;
  @ApiProperty({ type: [NoteResponse], description: 'The originals merged into this note, with their own dots.' })
  mergedFrom!: NoteResponse[];
}

export class TimerResponse {
  @ApiProperty({ type: String, nullable: true, description: 'What the step is.' }) label!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the step ends.' }) endsAt!: string;
}

/** How a canvas is being run: shown on every screen, changed from the facilitator's wall. */
export class FacilitationResponse {
  @ApiProperty({ description: 'Write privately, then reveal: unrevealed sections stay off the screens.' })
  writePrivately!: boolean;
  @ApiProperty({ type: [String], description: 'The sections revealed so far.' }) revealedSections!: string[];
  @ApiProperty({ description: "The room's screen and the phones show no authors' names." }) hideAuthors!: boolean;
  @ApiPropertyOptional({ type: TimerResponse, nullable: true, description: "The current step's timer." })
  timer!: TimerResponse | null;
}

export class CanvasSummaryResponse extends FacilitationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ type: String, nullable: true }) sessionId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Six characters without look-alikes (no 0/O, 1/I/L).', example: 'K4C3ZP' })
  joinCode!: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty() dotsPerPerson!: number;
  @ApiProperty({ enum: CANVAS_STATUSES }) status!: CanvasStatus;
  @ApiProperty({ type: [SectionResponse] }) sections!: CanvasSection[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class StaffSectionResponse extends SectionResponse {
  @ApiProperty({ type: [StaffNoteResponse], description: 'Notes not merged away, hidden ones included.' })
  notes!: StaffNoteResponse[];
}

export class CanvasResponse extends CanvasSummaryResponse {
  @ApiProperty({ type: [StaffSectionResponse] }) declare sections: StaffSectionResponse[];
}

export class PublicSectionResponse extends SectionResponse {
  @ApiProperty({ type: [NoteResponse], description: 'Visible notes: not hidden, not merged away.' })
  notes!: NoteResponse[];
}

export class ParticipantDotsResponse {
  @ApiProperty() dotsUsed!: number;
  @ApiProperty() dotsLeft!: number;
}

export class PublicCanvasResponse extends FacilitationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() joinCode!: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty() dotsPerPerson!: number;
  @ApiProperty({ enum: CANVAS_STATUSES }) status!: CanvasStatus;
  @ApiProperty({ type: [PublicSectionResponse] }) sections!: PublicSectionResponse[];
  @ApiPropertyOptional({
    type: ParticipantDotsResponse,
    nullable: true,
    description: "The caller's dots, when they have a participant cookie or delegate token.",
  })
  me!: ParticipantDotsResponse | null;
  @ApiProperty({
    example: '42',
    description: "The last change this view includes: the canvas stream's events with a higher id are newer.",
  })
  seq!: string;
}

export class ClustersRenamedResponse {
  @ApiProperty({ description: 'How many notes were relabelled.' }) renamed!: number;
}

export class TemplateResponse {
  @ApiProperty({ example: 'movement-building' }) key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Shipped with Plenary, or saved from a canvas.' }) builtIn!: boolean;
  @ApiProperty({
    description: "Offered to every event's staff (built-in ones always are), or only to its own event's.",
  })
  shared!: boolean;
  @ApiProperty({ type: [SectionResponse] }) sections!: CanvasSection[];
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

/** A note the public no longer sees: its id and why, nothing of its content. */
export type WithdrawnNote = { id: string; hidden: true } | { id: string; hidden: false; mergedIntoId: string };

/**
 * What the public stream may carry: a hidden note's text stays with the facilitators, and a
 * note merged into another shows only where it went.
 */
export const toPublicNoteEvent = (note: NoteResponse): NoteResponse | WithdrawnNote =>
  note.hidden
    ? { id: note.id, hidden: true }
    : note.mergedIntoId
      ? { id: note.id, hidden: false, mergedIntoId: note.mergedIntoId }
      : note;

export const toFacilitation = (canvas: Canvas): FacilitationResponse => ({
  writePrivately: canvas.writePrivately,
  revealedSections: canvas.revealedSections,
  hideAuthors: canvas.hideAuthors,
  timer:
    canvas.timerEndsAt && canvas.timerEndsAt.getTime() > Date.now()
      ? { label: canvas.timerLabel, endsAt: canvas.timerEndsAt.toISOString() }
      : null,
});

export const toCanvasSummary = (canvas: Canvas): CanvasSummaryResponse => ({
  ...toFacilitation(canvas),
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
