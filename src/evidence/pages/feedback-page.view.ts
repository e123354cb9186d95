import { addError, blankForm, type FormView } from '../../platform/web/form.js';
import { longDateTime } from '../../platform/web/dates.js';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import type { Question } from '../feedback.repository.js';
import type { FollowUp } from '../impact-follow-up.repository.js';
import type { FeedbackAnswerInput, FeedbackForm } from '../feedback.service.js';

export const PRACTICE_MAX = 2000;
export const ratingField = (questionId: string): string => `q-${questionId}`;
export const formPath = (base: string, sessionId: string | null): string =>
  `${base}/feedback/${sessionId === null ? 'event' : `sessions/${sessionId}`}`;

/** The list of a delegate's forms, each with where it stands and, while open, its link. */
export function formsView(forms: FeedbackForm[], base: string, m: Messages) {
  return {
    base,
    forms: forms.map((form) => ({
      title: form.sessionId === null ? m.evidence.wholeEvent(form.title) : form.title,
      state: m.evidence.states[form.state],
      good: form.state === 'answered',
      href: form.state === 'open' ? formPath(base, form.sessionId) : undefined,
      linkLabel: m.evidence.giveFeedback(form.title),
    })),
  };
}

/** One form: a rating fieldset per question (1–5) and the practice question. */
export function formView(
  form: FeedbackForm,
  questions: Question[],
  base: string,
  zone: string,
  values: FormView,
  m: Messages,
) {
  return {
    title: m.evidence.formTitle(form.sessionId === null ? m.evidence.wholeEvent(form.title) : form.title),
    action: formPath(base, form.sessionId),
    back: `${base}/feedback`,
    closes: m.evidence.closesOn(longDateTime(form.closesAt, zone, m.locale)),
    ...ratingFields(questions, values, m),
  };
}

/** A rating fieldset (1–5) per question and the free-text answer, with the input kept and errors in place. */
function ratingFields(questions: Question[], values: FormView, m: Messages) {
  return {
    form: values,
    questions: questions.map((question) => {
      const name = ratingField(question.id);
      return {
        name,
        text: question.text,
        error: values.errors[name],
        options: [1, 2, 3, 4, 5].map((n) => ({
          id: `${name}-${n}`,
          value: String(n),
          label: m.evidence.ratingLabel(n),
          checked: values.values[name] === String(n),
        })),
      };
    }),
    practice: values.values.practice ?? '',
    practiceError: values.errors.practice,
  };
}

/** The impact follow-up's form: the same fields, the organiser's two questions, back to the personal page. */
export function followUpView(
  followUp: FollowUp,
  question: Question,
  answered: boolean,
  base: string,
  eventTitle: string,
  values: FormView,
  m: Messages,
) {
  const e = m.evidence;
  return {
    ...ratingFields([question], values, m),
    title: e.followUpFormTitle(eventTitle),
    intro: e.followUpFormIntro,
    action: `${base}/follow-up`,
    back: base,
    backLabel: e.backToPersonalPage,
    answered: answered ? e.followUpAnswered : undefined,
    practiceLabel: followUp.practiceQuestion,
  };
}

/** The posted answer checked against the questions: a rating 1–5 for each, the free text optional and short. */
export function readAnswer(
  values: Record<string, string>,
  questions: Question[],
  m: Messages,
): { ok: true; answer: FeedbackAnswerInput } | { ok: false; form: FormView } {
  const form = blankForm(values);
  const ratings: Record<string, number> = {};
  for (const question of questions) {
    const value = values[ratingField(question.id)];
    if (value === undefined || !/^[1-5]$/.test(value))
      addError(form, ratingField(question.id), m.evidence.ratingRequired);
    else ratings[question.id] = Number(value);
  }
  const practice = (values.practice ?? '').trim();
  if (practice.length > PRACTICE_MAX) addError(form, 'practice', m.evidence.practiceTooLong);
  if (form.summary.length > 0) return { ok: false, form };
  return { ok: true, answer: { ratings, practice: practice === '' ? null : practice } };
}
