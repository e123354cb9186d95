import { DomainError } from '../../platform/errors/domain-error.js';
import { statusForKind } from '../../platform/errors/http-status.js';
import { addError, blankForm, formValues, type FormView } from '../../platform/web/form.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { Question } from '../feedback.repository.js';
import type { FeedbackAnswerInput } from '../feedback.service.js';
import { ratingField, readAnswer } from './feedback-page.view.js';

export type PostedAnswer = { ok: true } | { ok: false; form: FormView; status: number };

/**
 * A feedback or follow-up form as posted: checked against its questions, handed to `save`, and a
 * refusal (already answered, closed) shown on the form with the input kept. A form that is not
 * there for this delegate stays a 404 page.
 */
export async function savePostedAnswer(
  body: unknown,
  questions: Question[],
  m: Messages,
  save: (answer: FeedbackAnswerInput) => Promise<void>,
): Promise<PostedAnswer> {
  const values = formValues(body, [...questions.map((q) => ratingField(q.id)), 'practice']);
  const checked = readAnswer(values, questions, m);
  if (!checked.ok) return { ok: false, form: checked.form, status: 400 };
  try {
    await save(checked.answer);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
    const field = questions[0] ? ratingField(questions[0].id) : 'practice';
    return { ok: false, form: addError(blankForm(values), field, error.message), status: statusForKind(error.kind) };
  }
}
