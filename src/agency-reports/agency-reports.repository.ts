import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RegistrationStatus } from '../registrations/registration.entity.js';
import {
  AGENCY_EVENT_FIGURES_SQL,
  AGENCY_PEOPLE_SQL,
  AGENCY_SESSIONS_SQL,
  REPORT_EVENTS_SQL,
  SESSION_CANVASES_SQL,
} from './agency-reports.sql.js';

export interface ReportAgency {
  id: string;
  name: string;
  active: boolean;
}

export interface ReportEvent {
  id: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
}

/** One agency's figures at one event. */
export interface AgencyEventFigures {
  agencyId: string;
  eventId: string;
  /** The places allocated to the agency at the event (event_agency_places), if any. */
  allocatedPlaces: number | null;
  /** Held for the agency, or only "up to" that many; null without an allocation. */
  allocationReserved: boolean | null;
  /** Places used: confirmed registrations. */
  registered: number;
  waiting: number;
  cancelled: number;
  /** Confirmed delegates checked in at the door or at a session. */
  attended: number;
  cpdMinutes: number;
  /** Feedback forms (the event's and its sessions') the agency's delegates answered. */
  forms: number;
}

export interface ReportPerson {
  eventId: string;
  name: string;
  status: RegistrationStatus;
  attended: boolean;
  sessions: number;
  cpdMinutes: number;
}

export interface ReportSession {
  eventId: string;
  id: string;
  title: string;
  /** How many of the agency's delegates attended it. */
  people: number;
}

export interface ReportCanvas {
  id: string;
  eventId: string;
  sessionId: string;
  title: string;
  notes: number;
}

/**
 * What the agency report reads: agencies, events, registrations and their check-ins (folders to
 * its left), the sessions' CPD hours and feedback receipts (evidence), and canvases (canvas).
 * It writes nothing.
 */
@Injectable()
export class AgencyReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  agencies(): Promise<ReportAgency[]> {
    return this.db.query(`SELECT id, name, active FROM agencies ORDER BY name_key, id`);
  }

  async agency(id: string): Promise<ReportAgency | undefined> {
    const rows: ReportAgency[] = await this.db.query(`SELECT id, name, active FROM agencies WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The published events starting in [from, to), or the one event asked for. */
  events(from: Date, to: Date, eventId?: string): Promise<ReportEvent[]> {
    return this.db.query(REPORT_EVENTS_SQL, [from, to, eventId ?? null]);
  }

  /** Each agency's (or one agency's) figures per event, for agencies with someone registered. */
  figures(eventIds: string[], agencyId?: string): Promise<AgencyEventFigures[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.db.query(AGENCY_EVENT_FIGURES_SQL, [eventIds, agencyId ?? null]);
  }

  people(eventIds: string[], agencyId: string): Promise<ReportPerson[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.db.query(AGENCY_PEOPLE_SQL, [eventIds, agencyId]);
  }

  sessions(eventIds: string[], agencyId: string): Promise<ReportSession[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.db.query(AGENCY_SESSIONS_SQL, [eventIds, agencyId]);
  }

  canvases(sessionIds: string[]): Promise<ReportCanvas[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return this.db.query(SESSION_CANVASES_SQL, [sessionIds]);
  }
}
