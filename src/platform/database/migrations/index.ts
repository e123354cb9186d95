import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { AgendaChanges1764000001000 } from './1764000001000-agenda-changes.js';
import { Registrations1764000002001 } from './1764000002001-registrations.js';
import { Canvas1764000003000 } from './1764000003000-canvas.js';
import { Awards1764000004000 } from './1764000004000-awards.js';
import { Reminders1764000005000 } from './1764000005000-reminders.js';
import { RegistrationMailbox1765000100000 } from './1765000100000-registration-mailbox.js';
import { CheckIn1765000400000 } from './1765000400000-check-in.js';
import { SealedBallots1765000600000 } from './1765000600000-sealed-ballots.js';
import { RemovedSessions1765000700000 } from './1765000700000-removed-sessions.js';
import { StaffRights1766000100000 } from './1766000100000-staff-rights.js';
import { StaffSessions1766000100100 } from './1766000100100-staff-sessions.js';
import { EventSequence1766000500000 } from './1766000500000-event-sequence.js';
import { ReminderOptOuts1766000500100 } from './1766000500100-reminder-opt-outs.js';
import { CanvasTemplatesPerEvent1766000700000 } from './1766000700000-canvas-templates-per-event.js';
import { CanvasFacilitation1767000200000 } from './1767000200000-canvas-facilitation.js';
import { SessionCpd1767000400000 } from './1767000400000-session-cpd.js';
import { Feedback1767000400100 } from './1767000400100-feedback.js';
import { SpeakerResultLinks1767000400200 } from './1767000400200-speaker-result-links.js';
import { CpdCertificates1767000400300 } from './1767000400300-cpd-certificates.js';
import { Agencies1767000500000 } from './1767000500000-agencies.js';
import { SeatCounters1767000600000 } from './1767000600000-seat-counters.js';
import { ImpactFollowUps1767000800000 } from './1767000800000-impact-follow-ups.js';
import { LinkOfficers1767001000000 } from './1767001000000-link-officers.js';
import { SessionReflections1767001100000 } from './1767001100000-session-reflections.js';
import { AgencyPlaces1767001200000 } from './1767001200000-agency-places.js';
import { OneVotePerAgency1767001500000 } from './1767001500000-one-vote-per-agency.js';
import { LinkOfficerColleagues1767001400000 } from './1767001400000-link-officer-colleagues.js';

/** Every migration in order; a new one is added here as well as in its file. */
export const MIGRATIONS = [
  Foundation1764000000000,
  AgendaChanges1764000001000,
  Registrations1764000002001,
  Canvas1764000003000,
  Awards1764000004000,
  Reminders1764000005000,
  RegistrationMailbox1765000100000,
  CheckIn1765000400000,
  SealedBallots1765000600000,
  RemovedSessions1765000700000,
  StaffRights1766000100000,
  StaffSessions1766000100100,
  EventSequence1766000500000,
  ReminderOptOuts1766000500100,
  CanvasTemplatesPerEvent1766000700000,
  CanvasFacilitation1767000200000,
  SessionCpd1767000400000,
  Feedback1767000400100,
  SpeakerResultLinks1767000400200,
  CpdCertificates1767000400300,
  Agencies1767000500000,
  SeatCounters1767000600000,
  ImpactFollowUps1767000800000,
  LinkOfficers1767001000000,
  SessionReflections1767001100000,
  AgencyPlaces1767001200000,
  LinkOfficerColleagues1767001400000,
  OneVotePerAgency1767001500000,
];
