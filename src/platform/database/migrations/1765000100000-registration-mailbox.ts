import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One registration per event and mailbox: registrations keep the address as typed in
 * `email` and compare `email_canonical` (see canonicalEmail in src/platform/mail/email-address.ts).
 * The constraint keeps its name, so the statements that name it stay as they are.
 *
 * Existing rows get the same canonical form, computed here in SQL. Where earlier rows
 * already share a mailbox (a+1@ and a+2@ were two registrations), the earliest live one owns
 * it and the others keep their registration under a canonical form marked with their id,
 * so nothing is lost and nobody new can add to them.
 *
 * `link_used_at` records the first use of the personal link: until then nothing proves the
 * name was given by the mailbox's owner, and mail does not greet by it.
 */
export class RegistrationMailbox1765000100000 implements MigrationInterface {
  name = 'RegistrationMailbox1765000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registrations ADD COLUMN email_canonical text, ADD COLUMN link_used_at timestamptz`);
    await db.query(`
      WITH folded AS (
        SELECT id, lower(normalize(btrim(email), NFKC)) AS address FROM registrations
      ), parts AS (
        SELECT id,
               regexp_replace(regexp_replace(address, '@[^@]*$', ''), '^([^+]+)\\+.*$', '\\1') AS local,
               rtrim(regexp_replace(address, '^.*@', ''), '.') AS domain
        FROM folded
      )
      UPDATE registrations r
      SET email_canonical = CASE
        WHEN p.domain IN ('gmail.com', 'googlemail.com') THEN coalesce(nullif(replace(p.local, '.', ''), ''), p.local) || '@gmail.com'
        ELSE p.local || '@' || p.domain END
      FROM parts p WHERE p.id = r.id`);
    await db.query(`
      WITH ranked AS (
        SELECT id, row_number() OVER (
          PARTITION BY event_id, email_canonical
          ORDER BY (status <> 'cancelled') DESC, created_at, id) AS n
        FROM registrations
      )
      UPDATE registrations r SET email_canonical = r.email_canonical || '#' || r.id
      FROM ranked WHERE ranked.id = r.id AND ranked.n > 1`);
    await db.query(`ALTER TABLE registrations ALTER COLUMN email_canonical SET NOT NULL`);
    await db.query(`ALTER TABLE registrations DROP CONSTRAINT uq_registrations_event_email`);
    await db.query(
      `ALTER TABLE registrations ADD CONSTRAINT uq_registrations_event_email UNIQUE (event_id, email_canonical)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registrations DROP CONSTRAINT uq_registrations_event_email`);
    await db.query(`UPDATE registrations SET email = lower(btrim(email))`);
    await db.query(`ALTER TABLE registrations ADD CONSTRAINT uq_registrations_event_email UNIQUE (event_id, email)`);
    await db.query(`ALTER TABLE registrations DROP COLUMN email_canonical, DROP COLUMN link_used_at`);
  }
}
