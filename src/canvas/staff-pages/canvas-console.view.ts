import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { CanvasSection } from '../canvas-section.js';
import type { CanvasResponse, CanvasSummaryResponse, TemplateResponse } from '../dto/canvas.response.js';

export const consolePath = (eventId: string) => `/staff/events/${eventId}/canvases`;
export const wallPath = (eventId: string, canvasId: string) => `${consolePath(eventId)}/${canvasId}`;

/** A section key from its title: lower-case words joined by dashes, as the API's keys are. */
export const sectionKey = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');

/**
 * The console's "own sections": one a line, "Title: the question it asks" or just "Title".
 * Undefined when the box is empty (the template is used then).
 */
export function ownSections(text: string | undefined): CanvasSection[] | undefined {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  return lines.map((line) => {
    const colon = line.indexOf(':');
    const title = (colon > 0 ? line.slice(0, colon) : line).trim();
    const prompt = colon > 0 ? line.slice(colon + 1).trim() : '';
    return { key: sectionKey(title) || 'section', title, prompt };
  });
}

/** The console: the event's canvases with their codes and links, and the templates to start from. */
export function consoleView(
  eventId: string,
  canvases: CanvasSummaryResponse[],
  templates: TemplateResponse[],
  sessions: Array<{ id: string; title: string }>,
  m: Messages,
) {
  const c = m.canvasConsole;
  const sessionTitle = new Map(sessions.map((s) => [s.id, s.title]));
  return {
    eventId,
    action: consolePath(eventId),
    rows: canvases.map((canvas) => ({
      title: canvas.title,
      href: wallPath(eventId, canvas.id),
      presenterHref: `${wallPath(eventId, canvas.id)}/presenter`,
      openLabel: c.openWall(canvas.title),
      presenterLabel: c.openPresenter(canvas.title),
      joinCode: canvas.joinCode,
      session: canvas.sessionId ? (sessionTitle.get(canvas.sessionId) ?? '') : c.wholeEvent,
      status: canvas.status === 'open' ? c.open : c.closed,
      who: canvas.anonymous ? c.anonymous : c.named,
    })),
    templates: templates.map((t) => ({
      key: t.key,
      title: t.title,
      id: `template-${t.key}`,
      sections: t.sections,
    })),
    sessions,
  };
}

/** The facilitator's wall: every section with its notes (hidden ones too), their originals and dots. */
export function wallView(eventId: string, canvas: CanvasResponse, joinUrl: string, m: Messages) {
  const c = m.canvasConsole;
  const base = wallPath(eventId, canvas.id);
  const allNotes = canvas.sections.flatMap((section) => section.notes);
  const clusters = [...new Set(allNotes.map((note) => note.cluster).filter((x): x is string => !!x))].sort();
  return {
    base,
    canvas,
    joinUrl,
    clusters,
    open: canvas.status === 'open',
    timer: canvas.timer,
    exports: (['csv', 'xlsx', 'md', 'json'] as const).map((format) => ({
      href: `${base}/export?format=${format}`,
      label: c.exportAs[format],
    })),
    sections: canvas.sections.map((section) => ({
      key: section.key,
      title: section.title,
      prompt: section.prompt,
      held: canvas.writePrivately && !canvas.revealedSections.includes(section.key),
      notes: section.notes.map((note) => ({
        ...note,
        author: note.authorName || m.canvas.anonymous,
        mergeTargets: section.notes
          .filter((other) => other.id !== note.id)
          .map((other) => ({
            id: other.id,
            label: other.text.length > 60 ? `${other.text.slice(0, 57)}…` : other.text,
          })),
        moveTargets: canvas.sections.filter((s) => s.key !== section.key),
      })),
    })),
  };
}

/** The printable write-up: each section's visible notes by cluster (labelled first), with their dots. */
export function writeUpView(canvas: CanvasResponse) {
  return canvas.sections.map((section) => {
    const shown = section.notes.filter((note) => !note.hidden);
    const byCluster = new Map<string, typeof shown>();
    for (const note of shown) {
      const key = note.cluster ?? '';
      byCluster.set(key, [...(byCluster.get(key) ?? []), note]);
    }
    const groups = [...byCluster]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([cluster, notes]) => ({
        cluster,
        dots: notes.reduce((sum, note) => sum + note.dots, 0),
        notes: [...notes].sort((a, b) => b.dots - a.dots),
      }));
    return { key: section.key, title: section.title, prompt: section.prompt, groups };
  });
}
