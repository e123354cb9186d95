import { defineErrors } from '../platform/errors/domain-error.js';
import { describeConstraint } from '../platform/errors/postgres-errors.js';

export enum CanvasError {
  CanvasNotFound = 'CanvasNotFound',
  NoteNotFound = 'NoteNotFound',
  TemplateNotFound = 'TemplateNotFound',
  UnknownSection = 'UnknownSection',
  DuplicateSection = 'DuplicateSection',
  SessionNotInEvent = 'SessionNotInEvent',
  CanvasClosed = 'CanvasClosed',
  DotLimitReached = 'DotLimitReached',
  DelegateRequired = 'DelegateRequired',
  BadMerge = 'BadMerge',
  NoteMerged = 'NoteMerged',
  TemplateKeyTaken = 'TemplateKeyTaken',
  ClusterNotFound = 'ClusterNotFound',
}

export const canvasError = defineErrors<CanvasError>({
  [CanvasError.CanvasNotFound]: 'not_found',
  [CanvasError.NoteNotFound]: 'not_found',
  [CanvasError.TemplateNotFound]: 'unprocessable',
  [CanvasError.UnknownSection]: 'unprocessable',
  [CanvasError.DuplicateSection]: 'unprocessable',
  [CanvasError.SessionNotInEvent]: 'unprocessable',
  [CanvasError.CanvasClosed]: 'locked',
  [CanvasError.DotLimitReached]: 'conflict',
  [CanvasError.DelegateRequired]: 'unauthorized',
  [CanvasError.BadMerge]: 'unprocessable',
  [CanvasError.NoteMerged]: 'conflict',
  [CanvasError.TemplateKeyTaken]: 'conflict',
  [CanvasError.ClusterNotFound]: 'unprocessable',
});

describeConstraint(
  'uq_canvas_templates_event_key',
  'This event already has a template with that key; choose another key.',
);
describeConstraint('uq_canvas_templates_shared_key', 'A shared template already has that key; choose another key.');
