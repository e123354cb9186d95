import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { FeedbackResultsService } from '../evidence/feedback-results.service.js';
import type { RoundResult } from '../evidence/feedback-results.js';
import { Clock } from '../platform/clock/clock.js';
import { agencyReportsError, AgencyReportsError } from './agency-reports.errors.js';
import { type Figures, NO_FIGURES, shownFigures, totalFigures } from './agency-report.js';
import {
  AgencyReportsRepository,
  type ReportAgency,
  type ReportCanvas,
  type ReportEvent,
  type ReportPerson,
} from './agency-reports.repository.js';

/** The network's calendar: a report's year runs from 1 January in this zone. */
const NETWORK_ZONE = 'Europe/London';

/** What a report covers: a calendar year, or one event (then the year is the event's). */
export interface ReportScope {
  year?: number;
  eventId?: string;
}

export interface NetworkReport {
  year: number;
  /** Set when the report is of one event. */
  event?: ReportEvent;
  /** Every agency with someone registered in these events, and every active agency. */
  agencies: Array<{ agency: ReportAgency; total: Figures }>;
  events: Array<{ event: ReportEvent; rows: Array<{ agency: ReportAgency; figures: Figures }> }>;
}

export interface FeedbackLine {
  kind: 'event' | 'session';
  title: string;
  /** The immediate feedback's results, suppressed below the minimum as on the event's results page. */
  result: RoundResult;
}

export interface AgencyEventReport {
  event: ReportEvent;
  figures: Figures;
  people: ReportPerson[];
  feedback: FeedbackLine[];
  canvases: Array<ReportCanvas & { session: string }>;
}

export interface AgencyReport {
  year: number;
  event?: ReportEvent;
  agency: ReportAgency;
  total: Figures;
  events: AgencyEventReport[];
}

/**
 * The agency report: per agency and event, and across a year, places used, attendance, CPD
 * hours and feedback (counts of forms, and the results of the sessions their people attended,
 * never a breakdown of fewer than five answers), and the canvases of those sessions.
 */
@Injectable()
export class AgencyReportsService {
  constructor(
    private readonly repo: AgencyReportsRepository,
    private readonly feedback: FeedbackResultsService,
    private readonly clock: Clock,
  ) {}

  /** Every agency side by side: the network's view. */
  async network(scope: ReportScope): Promise<NetworkReport> {
    const { year, event, events } = await this.events(scope);
    const [agencies, figures] = await Promise.all([this.repo.agencies(), this.repo.figures(events.map((e) => e.id))]);
    const present = new Set(figures.map((f) => f.agencyId));
    const shown = agencies.filter((agency) => agency.active || present.has(agency.id));
    return {
      year,
      event,
      agencies: shown.map((agency) => ({
        agency,
        total: totalFigures(figures.filter((f) => f.agencyId === agency.id)),
      })),
      events: events.map((e) => ({
        event: e,
        rows: shown.flatMap((agency) => {
          const found = figures.find((f) => f.agencyId === agency.id && f.eventId === e.id);
          return found ? [{ agency, figures: shownFigures(found) }] : [];
        }),
      })),
    };
  }

  /** One agency's report (404 for an agency that does not exist). */
  async agency(agencyId: string, scope: ReportScope): Promise<AgencyReport> {
    const agency = await this.repo.agency(agencyId);
    if (!agency) throw agencyReportsError(AgencyReportsError.AgencyNotFound, 'There is no such agency.');
    const { year, event, events } = await this.events(scope);
    const ids = events.map((e) => e.id);
    const [figures, people, sessions] = await Promise.all([
      this.repo.figures(ids, agency.id),
      this.repo.people(ids, agency.id),
      this.repo.sessions(ids, agency.id),
    ]);
    const canvases = await this.repo.canvases(sessions.map((s) => s.id));
    const reports = await Promise.all(
      events.map(async (e): Promise<AgencyEventReport> => {
        const own = figures.find((f) => f.eventId === e.id) ?? { ...NO_FIGURES, agencyId: agency.id, eventId: e.id };
        const attended = sessions.filter((s) => s.eventId === e.id);
        return {
          event: e,
          figures: shownFigures(own),
          people: people.filter((p) => p.eventId === e.id),
          feedback: own.attended > 0 ? await this.feedbackOf(e, new Set(attended.map((s) => s.id))) : [],
          canvases: canvases
            .filter((c) => c.eventId === e.id)
            .map((c) => ({ ...c, session: attended.find((s) => s.id === c.sessionId)?.title ?? '' })),
        };
      }),
    );
    return { year, event, agency, total: totalFigures(figures), events: reports };
  }

  /** The event's own feedback and that of the sessions the agency's people attended (immediate round). */
  private async feedbackOf(event: ReportEvent, sessionIds: Set<string>): Promise<FeedbackLine[]> {
    const groups = await this.feedback.forEvent(event.id, event.title);
    return groups
      .filter((g) => g.key === 'event' || (g.kind === 'session' && sessionIds.has(g.key.slice('session:'.length))))
      .map((g) => ({ kind: g.kind === 'event' ? 'event' : 'session', title: g.title, result: g.rounds.immediate }));
  }

  private async events(scope: ReportScope): Promise<{ year: number; event?: ReportEvent; events: ReportEvent[] }> {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: NETWORK_ZONE });
    const start = DateTime.fromObject({ year: scope.year ?? now.year }, { zone: NETWORK_ZONE });
    const events = await this.repo.events(start.toJSDate(), start.plus({ years: 1 }).toJSDate(), scope.eventId);
    if (!scope.eventId) return { year: start.year, events };
    const event = events[0];
    if (!event) throw agencyReportsError(AgencyReportsError.EventNotFound, 'There is no such published event.');
    return { year: DateTime.fromJSDate(event.startsAt, { zone: NETWORK_ZONE }).year, event, events };
  }
}
