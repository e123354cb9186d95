/** One area of a canvas that notes are posted into, in display order. */
export interface CanvasSection {
  /** Stable identifier used by notes, e.g. `values`. */
  key: string;
  title: string;
  /** The question the section asks of the room. */
  prompt: string;
}
