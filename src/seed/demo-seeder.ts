import type { INestApplicationContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { NotificationKind } from '../outbox/notification-kind.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { DemoRepository } from './demo.repository.js';
import type { AuthUser } from '../identity/auth-user.js';
import { AwardsService } from '../awards/awards.service.js';
import { CreateAwardDto } from '../awards/dto/award.dto.js';
import { CreateNominationDto, CreateNomineeDto } from '../awards/dto/nomination.dto.js';
import { NominationsService } from '../awards/nominations.service.js';
import { CanvasesService } from '../canvas/canvases.service.js';
import type { ParticipantRequest } from '../canvas/participant-request.js';
import { MOVEMENT_BUILDING } from '../canvas/canvas-templates.js';
import { CreateCanvasDto } from '../canvas/dto/create-canvas.dto.js';
import { CreateNoteDto } from '../canvas/dto/create-note.dto.js';
import { UpdateNoteDto } from '../canvas/dto/update-note.dto.js';
import { CreateEventDto } from '../events/dto/create-event.dto.js';
import type { Event } from '../events/event.entity.js';
import { EventsService } from '../events/events.service.js';
import { CreateRegistrationDto } from '../registrations/dto/create-registration.dto.js';
import type { Registration } from '../registrations/registration.entity.js';
import { DelegatesService } from '../registrations/delegates.service.js';
import { WorkshopSignupsService } from '../registrations/workshop-signups.service.js';
import { ReminderRuleDto } from '../reminders/dto/reminder-rule.dto.js';
import { RemindersService } from '../reminders/reminders.service.js';
import { CreateSessionDto } from '../agenda/dto/create-session.dto.js';
import { SessionsService } from '../agenda/sessions.service.js';
import { CreateSpeakerDto } from '../agenda/dto/create-speaker.dto.js';
import { SpeakersService } from '../agenda/speakers.service.js';
import { CreateUserDto } from '../identity/users/dto/create-user.dto.js';
import { UsersService } from '../identity/users/users.service.js';
import {
  ACCESS_NEEDS,
  AWARDS,
  CANVAS_NOTES,
  DEMO_ACCOUNTS,
  type DemoAccounts,
  DIETARY_NEEDS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  MEETING,
  MEETING_REMINDERS,
  MEETING_SESSIONS,
  ORGANISATIONS,
  SPEAKERS,
  WORKSHOP_EVENT,
  WORKSHOP_REMINDERS,
  WORKSHOP_SESSIONS,
  type DemoSession,
} from './demo-content.js';

/** What the demo put in the database, for the start-up log, the CLI and the tests. */
export interface DemoSummary {
  meeting: { id: string; slug: string; title: string; startsAt: string };
  workshop: { id: string; slug: string; title: string; startsAt: string };
  canvas: { id: string; joinCode: string; notes: number };
  sessions: number;
  speakers: number;
  registrations: { confirmed: number; waitlisted: number; cancelled: number };
  workshopSignups: { confirmed: number; waitlisted: number };
  awards: number;
  nominees: number;
  reminderRules: number;
  /** Welcome emails of the demo registrations, marked cancelled instead of sent. */
  welcomeEmailsCancelled: number;
  millis: number;
}

/** Builds a request body as the HTTP layer would (transform + validation), so seeded data obeys the same rules. */
function input<T extends object>(type: new () => T, plain: Record<string, unknown>): T {
  const value = plainToInstance(type, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? { [e.property]: 'is invalid' }));
    throw new Error(`Demo data does not pass ${type.name} validation: ${messages.join('; ')}`);
  }
  return value;
}

/** A small deterministic generator, so every demo holds the same people. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Person {
  name: string;
  email: string;
  organisation: string;
  jobTitle: string;
  accessNeeds?: string;
  dietaryNeeds?: string;
}

const asciiLocal = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

function people(count: number, seed: number, domain: string): Person[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const seen = new Set<string>();
  const result: Person[] = [];
  while (result.length < count) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    if (seen.has(`${first} ${last}`)) continue;
    seen.add(`${first} ${last}`);
    const roll = random();
    result.push({
      name: `${first} ${last}`,
      email: `${asciiLocal(first)}.${asciiLocal(last)}@${domain}`,
      organisation: pick(ORGANISATIONS),
      jobTitle: pick(JOB_TITLES),
      ...(roll < 0.04 ? { accessNeeds: pick(ACCESS_NEEDS) } : {}),
      ...(roll > 0.8 ? { dietaryNeeds: pick(DIETARY_NEEDS) } : {}),
    });
  }
  return result;
}

/** A Thursday at least three weeks from now, in the event's zone. */
function meetingDay(now: Date, zone: string): DateTime {
  let day = DateTime.fromJSDate(now, { zone }).plus({ days: 21 }).startOf('day');
  while (day.weekday !== 4) day = day.plus({ days: 1 });
  return day;
}

const at = (day: DateTime, time: string): DateTime => {
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
};
const iso = (time: DateTime): string => time.toUTC().toISO()!;

/** The services the seeder goes through (the same ones the HTTP routes call). */
class Services {
  readonly demo: DemoRepository;
  readonly outbox: OutboxRepository;
  readonly users: UsersService;
  readonly events: EventsService;
  readonly speakers: SpeakersService;
  readonly sessions: SessionsService;
  readonly registrations: DelegatesService;
  readonly workshopSignups: WorkshopSignupsService;
  readonly reminders: RemindersService;
  readonly canvases: CanvasesService;
  readonly awards: AwardsService;
  readonly nominations: NominationsService;

  constructor(app: INestApplicationContext) {
    const get = <T>(type: new (...args: never[]) => T): T => app.get(type, { strict: false });
    this.demo = new DemoRepository(get(DataSource));
    this.outbox = get(OutboxRepository);
    this.users = get(UsersService);
    this.events = get(EventsService);
    this.speakers = get(SpeakersService);
    this.sessions = get(SessionsService);
    this.registrations = get(DelegatesService);
    this.workshopSignups = get(WorkshopSignupsService);
    this.reminders = get(RemindersService);
    this.canvases = get(CanvasesService);
    this.awards = get(AwardsService);
    this.nominations = get(NominationsService);
  }
}

/**
 * Seeds the demo through the feature services, as an organiser and a facilitator would
 * through the API. The caller checks the database is empty first (DemoRepository.refusal).
 *
 * Mail: the demo registrations' welcome emails are written to the outbox like any other
 * and then marked cancelled ("demo data: not sent"), so start-up does not send hundreds of
 * emails; reminders stay pending and go out when due (to .data/mail without SMTP_URL).
 * Run it in a process without the worker role, or the worker may send some welcomes first.
 */
export async function seedDemo(
  app: INestApplicationContext,
  now = new Date(),
  accounts: DemoAccounts = DEMO_ACCOUNTS,
): Promise<DemoSummary> {
  const started = performance.now();
  const s = new Services(app);
  const staff = await createStaff(s, accounts);
  const meeting = await createMeeting(s, now, staff);
  const { delegates, confirmed } = await registerMeetingDelegates(s, meeting.event);
  await signUpForWorkshops(s, meeting.sessions, confirmed);
  const nominees = await createAwards(s, meeting, staff.organiser, confirmed, now);
  // Reminder rules last: one pass brings every delegate's reminders in line.
  await s.reminders.replaceRules(
    meeting.event.id,
    MEETING_REMINDERS.map((rule) => input(ReminderRuleDto, rule)),
  );
  const workshop = await createWorkshopEvent(s, meeting.day1, staff, delegates);
  const canvas = await runCanvas(s, workshop, staff.facilitator);

  const welcomeEmailsCancelled = await s.outbox.cancelPendingOfKinds(
    [meeting.event.id, workshop.event.id],
    WELCOME_KINDS,
    'Demo data: not sent',
  );
  return {
    meeting: summaryOf(meeting.event),
    workshop: summaryOf(workshop.event),
    canvas,
    sessions: meeting.sessions.length + workshop.sessions.length,
    speakers: SPEAKERS.length + 1,
    registrations: await s.demo.registrationCounts(meeting.event.id),
    workshopSignups: await s.demo.signupCounts(meeting.event.id),
    awards: AWARDS.length,
    nominees,
    reminderRules: MEETING_REMINDERS.length + WORKSHOP_REMINDERS.length,
    welcomeEmailsCancelled,
    millis: Math.round(performance.now() - started),
  };
}

const summaryOf = (event: Event) => ({
  id: event.id,
  slug: event.slug,
  title: event.title,
  startsAt: event.startsAt.toISOString(),
});

interface Staff {
  organiser: AuthUser;
  facilitator: AuthUser;
}

type SeededSession = { id: string; demo: DemoSession };

interface SeededEvent {
  event: Event;
  sessions: SeededSession[];
}

interface Meeting extends SeededEvent {
  day1: DateTime;
  day2: DateTime;
}

/** The demo organiser and facilitator accounts. */
async function createStaff(s: Services, accounts: DemoAccounts): Promise<Staff> {
  const organiserUser = await s.users.create(input(CreateUserDto, { ...accounts.organiser }));
  const facilitatorUser = await s.users.create(input(CreateUserDto, { ...accounts.facilitator }));
  const organiser: AuthUser = { id: organiserUser.id, email: organiserUser.email, isAdmin: false };
  const facilitator: AuthUser = { id: facilitatorUser.id, email: facilitatorUser.email, isAdmin: false };
  return { organiser, facilitator };
}

/** The two-day annual meeting with its speakers and sessions, published. */
async function createMeeting(s: Services, now: Date, { organiser, facilitator }: Staff): Promise<Meeting> {
  const day1 = meetingDay(now, MEETING.timezone);
  const day2 = day1.plus({ days: 1 });
  const meeting = await s.events.create(
    organiser,
    input(CreateEventDto, {
      title: MEETING.title,
      slug: MEETING.slug,
      description: MEETING.description,
      venue: MEETING.venue,
      timezone: MEETING.timezone,
      startsAt: iso(at(day1, '09:00')),
      endsAt: iso(at(day2, '16:00')),
      capacity: MEETING.capacity,
      registrationOpensAt: iso(DateTime.fromJSDate(now).minus({ days: 42 })),
      registrationClosesAt: iso(at(day1.minus({ days: 2 }), '23:59')),
    }),
  );
  await s.events.addMember(meeting.id, facilitator.email, 'facilitator');
  const speakerIds = new Map<string, string>();
  for (const speaker of SPEAKERS) {
    const { key, ...fields } = speaker;
    const saved = await s.speakers.create(meeting.id, input(CreateSpeakerDto, fields));
    speakerIds.set(key, saved.id);
  }
  const meetingSessions = await addSessions(s, meeting, MEETING_SESSIONS, [day1, day2], speakerIds);
  await s.events.publish(meeting.id);
  return { event: meeting, sessions: meetingSessions, day1, day2 };
}

/** Registrations in arrival order, more than the capacity so the last ones wait; then a few cancel. */
async function registerMeetingDelegates(
  s: Services,
  meeting: Event,
): Promise<{ delegates: Person[]; confirmed: Registration[] }> {
  const delegates = people(MEETING.registrations, 2026, 'example.org');
  const registered: Array<{ id: string; person: Person; status: string }> = [];
  for (const person of delegates) {
    const created = await s.registrations.register(
      meeting.id,
      input(CreateRegistrationDto, { ...person, consent: true }),
    );
    registered.push({ id: created.id, person, status: created.status });
  }
  // A few cancel; the first on the waiting list move up.
  for (let i = 0; i < MEETING.cancellations; i++) {
    await s.registrations.cancel(await s.demo.registration(registered[7 + i * 31].id));
  }
  const confirmed = await s.demo.confirmed(meeting.id);
  return { delegates, confirmed };
}

/** Each round's workshops take consecutive confirmed delegates. */
async function signUpForWorkshops(
  s: Services,
  meetingSessions: SeededSession[],
  confirmed: Registration[],
): Promise<void> {
  const rounds = [1, 2].map((day) => meetingSessions.filter((x) => x.demo.kind === 'workshop' && x.demo.day === day));
  for (const [index, round] of rounds.entries()) {
    let next = index * 30;
    for (const workshop of round) {
      for (let n = 0; n < (workshop.demo.signups ?? 0); n++) {
        await s.workshopSignups.signUp(confirmed[next++ % confirmed.length], workshop.id);
      }
    }
  }
}

/** Delegates' nominations while the window is open, then the organisers' shortlists; returns the nominees. */
async function createAwards(
  s: Services,
  { event: meeting, day1, day2 }: Meeting,
  organiser: AuthUser,
  confirmed: Registration[],
  now: Date,
): Promise<number> {
  const votingOpensAt = iso(at(day1, '09:00'));
  const votingClosesAt = iso(at(day2, '14:00'));
  let nominees = 0;
  for (const [index, award] of AWARDS.entries()) {
    const created = await s.awards.create(
      meeting.id,
      input(CreateAwardDto, {
        title: award.title,
        description: award.description,
        nominationsOpenAt: iso(DateTime.fromJSDate(now).minus({ days: 14 })),
        nominationsCloseAt: iso(DateTime.fromJSDate(now).plus({ days: 7 })),
        votingOpensAt,
        votingClosesAt,
        method: index === 0 ? 'ranked' : 'plurality',
        excludeOwnOrganisation: true,
      }),
      organiser,
    );
    const nominationIds: string[] = [];
    for (const [n, nomination] of award.nominations.entries()) {
      const by = confirmed[40 + index * 5 + n];
      nominationIds.push((await s.nominations.nominate(by, created.id, input(CreateNominationDto, nomination))).id);
    }
    for (const nominee of award.nominees) {
      await s.awards.addNominee(organiser, created.id, input(CreateNomineeDto, nominee));
      nominees += 1;
    }
    const [first] = nominationIds;
    if (first) {
      await s.awards.addNominee(
        organiser,
        created.id,
        input(CreateNomineeDto, {
          fromNominationId: first,
          citation: award.nominations[0].statement,
        }),
      );
      nominees += 1;
    }
  }
  return nominees;
}

interface WorkshopEvent extends SeededEvent {
  participants: Person[];
  tokens: string[];
}

/** The one-day workshop a week after the meeting, its participants registered, its reminder rules set. */
async function createWorkshopEvent(
  s: Services,
  day1: DateTime,
  { organiser, facilitator }: Staff,
  delegates: Person[],
): Promise<WorkshopEvent> {
  const workshopDay = day1.plus({ days: 7 });
  const workshop = await s.events.create(
    organiser,
    input(CreateEventDto, {
      title: WORKSHOP_EVENT.title,
      slug: WORKSHOP_EVENT.slug,
      description: WORKSHOP_EVENT.description,
      venue: WORKSHOP_EVENT.venue,
      timezone: WORKSHOP_EVENT.timezone,
      startsAt: iso(at(workshopDay, '09:30')),
      endsAt: iso(at(workshopDay, '16:00')),
      capacity: WORKSHOP_EVENT.capacity,
    }),
  );
  await s.events.addMember(workshop.id, facilitator.email, 'facilitator');
  const adeyemi = await s.speakers.create(
    workshop.id,
    input(CreateSpeakerDto, (({ key: _key, ...fields }) => fields)(SPEAKERS.find((p) => p.key === 'adeyemi')!)),
  );
  const workshopSessions = await addSessions(
    s,
    workshop,
    WORKSHOP_SESSIONS,
    [workshopDay],
    new Map([['adeyemi', adeyemi.id]]),
  );
  await s.events.publish(workshop.id);
  const participants = [...delegates.slice(0, 20), ...people(WORKSHOP_EVENT.registrations - 20, 1848, 'example.net')];
  const tokens: string[] = [];
  for (const person of participants) {
    const created = await s.registrations.register(
      workshop.id,
      input(CreateRegistrationDto, { ...person, consent: true }),
    );
    tokens.push(created.token);
  }
  await s.reminders.replaceRules(
    workshop.id,
    WORKSHOP_REMINDERS.map((rule) => input(ReminderRuleDto, rule)),
  );
  return { event: workshop, sessions: workshopSessions, participants, tokens };
}

/** The workshop's canvas: notes posted from phones, clusters labelled, dots spent. */
async function runCanvas(
  s: Services,
  { event: workshop, sessions: workshopSessions, participants, tokens }: WorkshopEvent,
  facilitator: AuthUser,
): Promise<DemoSummary['canvas']> {
  const canvasSession = workshopSessions.find((x) => x.demo.kind === 'workshop')!;
  const canvas = await s.canvases.create(
    workshop.id,
    input(CreateCanvasDto, {
      title: 'Building a movement for social prescribing',
      sessionId: canvasSession.id,
      template: MOVEMENT_BUILDING.key,
      anonymous: true,
      dotsPerPerson: 3,
    }),
    facilitator,
  );
  // Delegates post from their phones (with their personal links), in table groups.
  const noteIds: string[] = [];
  const clusters: Array<{ id: string; cluster: string }> = [];
  for (const [index, note] of CANVAS_NOTES.entries()) {
    const token = tokens[index % tokens.length];
    const person = participants[index % participants.length];
    const posted = await s.canvases.postNote(
      canvas.joinCode,
      input(CreateNoteDto, {
        section: note.section,
        text: note.text,
        ...(index % 3 === 0 ? {} : { authorName: person.name.split(' ')[0] }),
        group: `Table ${(index % 5) + 1}`,
      }),
      asDelegate(token),
    );
    noteIds.push(posted.id);
    if (note.cluster) clusters.push({ id: posted.id, cluster: note.cluster });
  }
  // The facilitator labels clusters; delegates spend some of their dots.
  for (const { id, cluster } of clusters) {
    await s.canvases.updateNote(canvas.id, id, input(UpdateNoteDto, { cluster }), facilitator);
  }
  const random = prng(7);
  for (const token of tokens.slice(0, 24)) {
    const chosen = new Set<string>();
    while (chosen.size < 2) chosen.add(noteIds[Math.floor(random() * noteIds.length)]);
    for (const noteId of chosen) await s.canvases.dot(canvas.joinCode, noteId, asDelegate(token));
  }
  return { id: canvas.id, joinCode: canvas.joinCode, notes: noteIds.length };
}

async function addSessions(
  s: Services,
  event: Event,
  sessions: DemoSession[],
  days: DateTime[],
  speakerIds: Map<string, string>,
): Promise<Array<{ id: string; demo: DemoSession }>> {
  const created: Array<{ id: string; demo: DemoSession }> = [];
  for (const demo of sessions) {
    const day = days[demo.day - 1];
    const session = await s.sessions.create(
      event.id,
      input(CreateSessionDto, {
        title: demo.title,
        kind: demo.kind,
        startsAt: iso(at(day, demo.start)),
        endsAt: iso(at(day, demo.end)),
        ...(demo.abstract ? { abstract: demo.abstract } : {}),
        ...(demo.room ? { room: demo.room } : {}),
        ...(demo.track ? { track: demo.track } : {}),
        ...(demo.capacity !== undefined ? { capacity: demo.capacity } : {}),
        ...(demo.speakers ? { speakerIds: demo.speakers.map((key) => speakerIds.get(key)!) } : {}),
      }),
    );
    created.push({ id: session.id, demo });
  }
  return created;
}

/** A delegate posting from their phone with their personal link (no cookie is ever handed out to one). */
const asDelegate = (token: string): ParticipantRequest => ({ delegateToken: token, address: '127.0.0.1' });

const WELCOME_KINDS = [
  NotificationKind.RegistrationConfirmed,
  NotificationKind.RegistrationWaitlisted,
  NotificationKind.RegistrationPromoted,
  NotificationKind.RegistrationCancelled,
  NotificationKind.WorkshopPromoted,
];
