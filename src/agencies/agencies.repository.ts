import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { organisationKey } from '../platform/text/organisation-key.js';
import type { KnownAgency, PlannedAgency } from './agency-import.js';

export interface AgencyRow extends KnownAgency {
  kind: string | null;
  active: boolean;
}

export interface UnmatchedOrganisation {
  key: string;
  /** The text as most registrations typed it. */
  organisation: string;
  registrations: number;
}

const COLUMNS = `id, name, aliases, kind, region, link_officer_email AS "linkOfficerEmail", active`;
/** $1 text's key: an agency whose name or one of whose aliases it is. */
const MATCHES_KEY = `(name_key = $1 OR $1 = ANY (alias_keys))`;

/** The agencies table, and registrations' link to it. */
@Injectable()
export class AgenciesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  list(options: { activeOnly?: boolean } = {}): Promise<AgencyRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM agencies ${options.activeOnly ? 'WHERE active' : ''} ORDER BY name_key`,
    );
  }

  async get(id: string): Promise<AgencyRow | undefined> {
    const rows: AgencyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM agencies WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The active agency this organisation's text names (by its name or an alias). */
  async matchText(text: string | null): Promise<AgencyRow | undefined> {
    const key = organisationKey(text);
    if (!key) return undefined;
    const rows: AgencyRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM agencies WHERE active AND ${MATCHES_KEY} LIMIT 1`,
      [key],
    );
    return rows[0];
  }

  /** Every agency, locked: an import plans and writes against the list as no one else changes it. */
  lockAll(manager: EntityManager): Promise<AgencyRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM agencies ORDER BY created_at, id FOR UPDATE`);
  }

  /** Serialises imports and edits (a new agency is not covered by the rows' locks). */
  async lockList(manager: EntityManager): Promise<void> {
    await manager.query(`LOCK TABLE agencies IN SHARE ROW EXCLUSIVE MODE`);
  }

  async write(manager: EntityManager, agency: PlannedAgency): Promise<void> {
    const keys = agency.aliases.map((alias) => organisationKey(alias) ?? '');
    if (agency.id) {
      await manager.query(
        `UPDATE agencies SET aliases = $2, alias_keys = $3, region = $4, link_officer_email = $5, updated_at = now()
         WHERE id = $1`,
        [agency.id, agency.aliases, keys, agency.region, agency.linkOfficerEmail],
      );
    } else {
      await manager.query(
        `INSERT INTO agencies (name, name_key, aliases, alias_keys, region, link_officer_email)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [agency.name, organisationKey(agency.name), agency.aliases, keys, agency.region, agency.linkOfficerEmail],
      );
    }
  }

  /** An organiser's edit of one agency; false if another agency already has this name or alias. */
  async update(
    id: string,
    fields: { name: string; aliases: string[]; kind: string | null; region: string | null; active: boolean },
  ): Promise<'updated' | 'not_found' | 'taken'> {
    return this.transaction(async (manager) => {
      await this.lockList(manager);
      const nameKey = organisationKey(fields.name);
      const keys = fields.aliases.map((alias) => organisationKey(alias) ?? '');
      const clash: unknown[] = await manager.query(
        `SELECT 1 FROM agencies WHERE id <> $1 AND (name_key = ANY ($2::text[]) OR alias_keys && $2::text[])`,
        [id, [nameKey, ...keys]],
      );
      if (clash.length > 0) return 'taken';
      const [, count]: [unknown, number] = await manager.query(
        `UPDATE agencies SET name = $2, name_key = $3, aliases = $4, alias_keys = $5, kind = $6, region = $7,
           active = $8, updated_at = now()
         WHERE id = $1`,
        [id, fields.name, nameKey, fields.aliases, keys, fields.kind, fields.region, fields.active],
      );
      if (count === 0) return 'not_found';
      await this.linkRegistrations(manager);
      return 'updated';
    });
  }

  /**
   * Links every registration without an agency whose organisation text names one (by name or
   * alias); returns how many were linked. The migration's backfill and each import end here.
   */
  async linkRegistrations(manager: EntityManager): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(
      `UPDATE registrations r SET agency_id = a.id, updated_at = now()
       FROM agencies a
       WHERE r.agency_id IS NULL AND r.organisation_key IS NOT NULL AND a.active
         AND (a.name_key = r.organisation_key OR r.organisation_key = ANY (a.alias_keys))`,
    );
    return count;
  }

  /** Organisation texts on live registrations that name no agency, most used first. */
  unmatched(): Promise<UnmatchedOrganisation[]> {
    return this.db.query(
      `SELECT organisation_key AS key, mode() WITHIN GROUP (ORDER BY organisation) AS organisation,
              count(*)::int AS registrations
       FROM registrations
       WHERE agency_id IS NULL AND organisation_key IS NOT NULL AND status <> 'cancelled'
       GROUP BY organisation_key ORDER BY count(*) DESC, organisation_key LIMIT 500`,
    );
  }

  /** A new agency named as an unmatched text was typed, and the registrations that typed it linked. */
  async addFromText(name: string): Promise<'added' | 'taken'> {
    const key = organisationKey(name);
    return this.transaction(async (manager) => {
      await this.lockList(manager);
      const owner: unknown[] = await manager.query(`SELECT 1 FROM agencies WHERE ${MATCHES_KEY}`, [key]);
      if (owner.length > 0) return 'taken';
      await manager.query(`INSERT INTO agencies (name, name_key) VALUES ($1, $2)`, [name, key]);
      await this.linkRegistrations(manager);
      return 'added';
    });
  }

  /** Makes an unmatched text an alias of an agency, and links the registrations that typed it. */
  async addAlias(agencyId: string, alias: string): Promise<'added' | 'not_found' | 'taken'> {
    const key = organisationKey(alias);
    return this.transaction(async (manager) => {
      await this.lockList(manager);
      const owner: Array<{ id: string }> = await manager.query(`SELECT id FROM agencies WHERE ${MATCHES_KEY}`, [key]);
      if (owner.length > 0) return owner[0].id === agencyId ? 'added' : 'taken';
      const [, count]: [unknown, number] = await manager.query(
        `UPDATE agencies SET aliases = aliases || $2::text, alias_keys = alias_keys || $3::text, updated_at = now()
         WHERE id = $1`,
        [agencyId, alias, key],
      );
      if (count === 0) return 'not_found';
      await this.linkRegistrations(manager);
      return 'added';
    });
  }
}
