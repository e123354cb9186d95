import { AwardNomination } from '../awards/award-nomination.entity.js';
import { AwardNominee } from '../awards/award-nominee.entity.js';
import { AwardTieDecision } from '../awards/award-tie-decision.entity.js';
import { Award } from '../awards/award.entity.js';
import { BallotReceipt } from '../awards/ballot-receipt.entity.js';
import { Ballot } from '../awards/ballot.entity.js';
import { CanvasEvent } from '../canvas/canvas-event.entity.js';
import { CanvasNote } from '../canvas/canvas-note.entity.js';
import { CanvasParticipant } from '../canvas/canvas-participant.entity.js';
import { CanvasTemplate } from '../canvas/canvas-template.entity.js';
import { Canvas } from '../canvas/canvas.entity.js';
import { NoteDot } from '../canvas/note-dot.entity.js';
import { EventMember } from '../identity/event-member.entity.js';
import { Event } from '../events/event.entity.js';
import { Notification } from '../outbox/notification.entity.js';
import { Registration } from '../registrations/registration.entity.js';
import { ReminderOptOut } from '../reminders/reminder-opt-out.entity.js';
import { ReminderRule } from '../reminders/reminder-rule.entity.js';
import { SessionCheckIn } from '../registrations/check-in/session-check-in.entity.js';
import { SessionSignup } from '../registrations/session-signup.entity.js';
import { AgendaChange } from '../agenda/agenda-change.entity.js';
import { AgendaSession } from '../agenda/agenda-session.entity.js';
import { Speaker } from '../agenda/speaker.entity.js';
import { User } from '../identity/users/user.entity.js';
import { SessionCpd } from '../evidence/session-cpd.entity.js';
import { CpdCertificate } from '../evidence/cpd-certificate.entity.js';
import { ImpactFollowUp } from '../evidence/impact-follow-up.entity.js';
import { Agency } from '../agencies/agency.entity.js';
import {
  FeedbackAnswer,
  FeedbackQuestion,
  FeedbackReceipt,
  FeedbackSettings,
  SpeakerResultLink,
} from '../evidence/feedback.entity.js';

/** Every entity, listed (not globbed) so the same list works from src under jest and from dist. */
export const ENTITIES = [
  User,
  Event,
  EventMember,
  Speaker,
  AgendaSession,
  AgendaChange,
  Registration,
  SessionSignup,
  SessionCheckIn,
  Notification,
  ReminderRule,
  ReminderOptOut,
  Award,
  AwardNomination,
  AwardNominee,
  BallotReceipt,
  Ballot,
  AwardTieDecision,
  Canvas,
  CanvasNote,
  CanvasParticipant,
  NoteDot,
  CanvasTemplate,
  CanvasEvent,
  // evidence
  SessionCpd,
  FeedbackSettings,
  FeedbackQuestion,
  FeedbackReceipt,
  FeedbackAnswer,
  SpeakerResultLink,
  CpdCertificate,
  ImpactFollowUp,
  // agencies
  Agency,
];
