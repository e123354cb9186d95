import { Injectable } from '@nestjs/common';
import { organisationKey, sameOrganisation } from '../platform/text/organisation-key.js';
import { AgenciesRepository, type AgencyRow, type UnmatchedOrganisation } from './agencies.repository.js';
import { agenciesError, AgenciesError } from './agencies.errors.js';
import { parseAgencyCsv } from './agency-csv.js';
import { type ImportPlan, planImport } from './agency-import.js';
import type { AgencyKind } from './agency.entity.js';

export interface AgencyEdit {
  name: string;
  aliases: string[];
  kind: AgencyKind | null;
  region: string | null;
  active: boolean;
}

/** Who a registration counts with: its agency (if any) and the organisation text it keeps. */
export interface RegistrationAgency {
  agencyId: string | null;
  organisation: string | null;
  organisationKey: string | null;
}

/** The network's member agencies: the list, its import from CSV, edits, and matching text to them. */
@Injectable()
export class AgenciesService {
  constructor(private readonly agencies: AgenciesRepository) {}

  list(options: { activeOnly?: boolean } = {}): Promise<AgencyRow[]> {
    return this.agencies.list(options);
  }

  async get(id: string): Promise<AgencyRow> {
    const agency = await this.agencies.get(id);
    if (!agency) throw agenciesError(AgenciesError.AgencyNotFound, 'There is no such agency.');
    return agency;
  }

  /**
   * What importing this CSV would change (`apply` false), or the change made (`apply` true).
   * Applying plans again against the list as it is under lock, so it does exactly what its plan
   * says; a file with any bad line changes nothing.
   */
  async importCsv(text: string, apply: boolean): Promise<ImportPlan> {
    const parsed = parseAgencyCsv(text);
    if ('errors' in parsed) return { creates: [], updates: [], unchanged: [], merged: [], errors: parsed.errors };
    if (!apply) return planImport(parsed.lines, await this.agencies.list());
    return this.agencies.transaction(async (manager) => {
      await this.agencies.lockList(manager);
      const plan = planImport(parsed.lines, await this.agencies.lockAll(manager));
      if (plan.errors.length > 0) return plan;
      for (const agency of [...plan.creates, ...plan.updates]) await this.agencies.write(manager, agency);
      await this.agencies.linkRegistrations(manager);
      return plan;
    });
  }

  async update(id: string, edit: AgencyEdit): Promise<void> {
    const result = await this.agencies.update(id, edit);
    if (result === 'not_found') throw agenciesError(AgenciesError.AgencyNotFound, 'There is no such agency.');
    if (result === 'taken') {
      throw agenciesError(AgenciesError.NameTaken, 'Another agency already goes by this name or one of these aliases.');
    }
  }

  unmatched(): Promise<UnmatchedOrganisation[]> {
    return this.agencies.unmatched();
  }

  /** An organiser says which agency an unmatched text means: it becomes that agency's alias. */
  async mapText(agencyId: string, text: string): Promise<void> {
    if (!organisationKey(text)) throw agenciesError(AgenciesError.ImportRefused, 'The organisation text is empty.');
    const result = await this.agencies.addAlias(agencyId, text.trim());
    if (result === 'not_found') throw agenciesError(AgenciesError.AgencyNotFound, 'There is no such agency.');
    if (result === 'taken') throw agenciesError(AgenciesError.NameTaken, 'Another agency already goes by this name.');
  }

  /** An organiser adds an unmatched text as an agency of its own. */
  async addFromText(text: string): Promise<void> {
    if (!organisationKey(text)) throw agenciesError(AgenciesError.ImportRefused, 'The organisation text is empty.');
    if ((await this.agencies.addFromText(text.trim())) === 'taken') {
      throw agenciesError(AgenciesError.NameTaken, 'Another agency already goes by this name.');
    }
  }

  /**
   * A registration's agency: the one chosen (which must be active), else the one the typed
   * organisation names by name or alias, else none (the text is kept for an organiser to map).
   */
  async forRegistration(agencyId: string | undefined, typed: string | undefined): Promise<RegistrationAgency> {
    if (agencyId) {
      const chosen = await this.agencies.get(agencyId);
      if (!chosen?.active)
        throw agenciesError(AgenciesError.UnknownAgency, 'The chosen agency is not on the network’s list.');
      return { agencyId: chosen.id, organisation: chosen.name, organisationKey: organisationKey(chosen.name) };
    }
    const text = typed?.trim() || null;
    const matched = await this.agencies.matchText(text);
    return { agencyId: matched?.id ?? null, organisation: text, organisationKey: organisationKey(text) };
  }

  /**
   * Whether an organisation's text (a nominee's) names the organisation a registration counts
   * with: the same agency when both name one (so "Leeds CC" is "Leeds City Council"), else the
   * same text as organisationKey compares it.
   */
  async sameParty(text: string | null, registration: { agencyId: string | null; organisation: string | null }) {
    if (registration.agencyId) {
      const agency = await this.agencies.matchText(text);
      if (agency) return agency.id === registration.agencyId;
    }
    return sameOrganisation(text, registration.organisation);
  }
}
