import type { Canvas } from './canvas.entity.js';
import type { NoteResponse, WithdrawnNote } from './dto/canvas.response.js';

/** What the public screens (the room's wall, the phones) may show of a canvas's notes. */
export interface ScreenRules {
  writePrivately: boolean;
  revealedSections: readonly string[];
  hideAuthors: boolean;
}

export const screenRules = (canvas: Canvas): ScreenRules => ({
  writePrivately: canvas.writePrivately,
  revealedSections: canvas.revealedSections,
  hideAuthors: canvas.hideAuthors,
});

/** While writing privately, a section's notes wait for the facilitator to reveal it. */
export const isHeld = (rules: ScreenRules, sectionKey: string): boolean =>
  rules.writePrivately && !rules.revealedSections.includes(sectionKey);

/**
 * A note as a public screen may show it: a held one travels as withdrawn (its text stays with
 * the facilitators until the reveal), and with names hidden it has no author.
 */
export function onScreen(note: NoteResponse, rules: ScreenRules): NoteResponse | WithdrawnNote {
  if (isHeld(rules, note.section)) return { id: note.id, hidden: true };
  return rules.hideAuthors ? { ...note, authorName: null } : note;
}

/** The facilitation state a `canvas.facilitation` event carries (the whole of it, so a screen needs no other). */
export const isScreenRules = (value: unknown): value is ScreenRules =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ScreenRules).writePrivately === 'boolean' &&
  Array.isArray((value as ScreenRules).revealedSections) &&
  typeof (value as ScreenRules).hideAuthors === 'boolean';
