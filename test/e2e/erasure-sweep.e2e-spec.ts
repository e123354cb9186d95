import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { awardBody, newAward, newAwardsEvent } from '../factories/awards.factory.js';
import { newCanvas } from '../factories/canvas.factory.js';
import { insertRegistration, insertSession } from '../factories/db-fixtures.js';
import { register } from '../factories/registrations.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const MINUTE = 60_000;
const inMinutes = (n: number) => new Date(Date.now() + n * MINUTE).toISOString();

/** Every log line the app writes during this file. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Erasure that sticks: a delegate registers, signs up for a workshop, posts on two canvases,
 * nominates and is nominated, votes, has an email bounce (the relay quoting their address and
 * name) and is erased. Then every text, array and JSON column of every table, and every log
 * line, is searched for their name, email and organisation.
 */
describe('erasure sweep', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ logLevel: 'debug' }, { logOutput: { pretty: false, destination: logSink } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('leaves the name, email and organisation nowhere in the database or the log', async () => {
    const tag = randomBytes(4).toString('hex');
    const person = {
      name: `Zelda Quillfeather ${tag}`,
      email: `zelda.q.${tag}@example.org`,
      organisation: `Marshwood ${tag} Trust`,
    };
    const ctx = await newAwardsEvent(t);
    const eventId = ctx.event.id;

    const zelda = await register(t, eventId, person);
    const workshop = await insertSession(t.db, ctx.event);
    await t.http.put(`/api/registrations/me/sessions/${workshop.id}`).set(zelda.auth).expect(200);

    // Canvases: signed with her name on a delegates' canvas, typed on an open one; a facilitator edits one.
    const signed = await newCanvas(t, eventId, ctx.organiser, { anonymous: false });
    const open = await newCanvas(t, eventId, ctx.organiser, { anonymous: true });
    const note = await t.http
      .post(`/api/canvases/join/${signed.joinCode}/notes`)
      .set(zelda.auth)
      .send({ section: 'values', text: 'Shared care records' })
      .expect(201);
    expect(note.body.authorName).toBe(person.name);
    await t.http
      .post(`/api/canvases/join/${open.joinCode}/notes`)
      .set(zelda.auth)
      .send({ section: 'values', text: 'Community hubs', authorName: person.name })
      .expect(201);
    await t.http
      .patch(`/api/canvases/${signed.id}/notes/${note.body.id}`)
      .set(ctx.organiser.auth)
      .send({ cluster: 'Records' })
      .expect(200);

    // Nominations: hers of a colleague (signed in her statement), and a colleague's of her.
    const nominating = await t.http
      .post(`/api/events/${eventId}/awards`)
      .set(ctx.organiser.auth)
      .send(
        awardBody({
          title: 'Team of the Year',
          nominationsOpenAt: inMinutes(-10),
          nominationsCloseAt: inMinutes(10),
          votingOpensAt: inMinutes(20),
          votingClosesAt: inMinutes(80),
        }),
      )
      .expect(201);
    await t.http
      .post(`/api/awards/${nominating.body.id}/nominations`)
      .set(zelda.auth)
      .send({
        nomineeName: 'Omar Colleague',
        nomineeOrganisation: 'Elsewhere PCN',
        statement: `Omar runs the hub. Write to me at ${person.email}. ${person.name}`,
      })
      .expect(201);
    const colleague = await insertRegistration(t.db, eventId, { name: 'Omar Colleague' });
    await t.http
      .post(`/api/awards/${nominating.body.id}/nominations`)
      .set(colleague.auth)
      .send({
        nomineeName: person.name,
        nomineeOrganisation: person.organisation,
        statement: `${person.name.toUpperCase()} set up the social prescribing hub.`,
      })
      .expect(201);

    const voting = await newAward(t, ctx);
    await t.http
      .post(`/api/awards/${voting.id}/ballots`)
      .set(zelda.auth)
      .send({ nomineeId: voting.nominees[0].id })
      .expect(201);

    // A bounce whose text quotes her address and name, as relays do.
    t.mail.fault = () => ({
      kind: 'reject',
      code: 550,
      message: `5.1.1 <${person.email}>: Recipient address rejected (${person.name})`,
    });
    await t.http.post(`/api/events/${eventId}/registrations/resend-link`).send({ email: person.email }).expect(202);
    await until(async () => {
      const rows = await t.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM notifications WHERE registration_id = $1 AND status = 'failed'`,
        [zelda.id],
      );
      return rows[0].n > 0;
    });
    t.mail.fault = () => ({ kind: 'accept' });
    const bounced = await t.db.query<Array<{ last_error: string }>>(
      `SELECT last_error FROM notifications WHERE registration_id = $1 AND status = 'failed'`,
      [zelda.id],
    );
    expect(bounced[0].last_error).toMatch(/^SMTP 550/);

    await t.http.post(`/api/events/${eventId}/registrations/${zelda.id}/erase`).set(ctx.organiser.auth).expect(204);

    const columns = await t.db.query<Array<{ table_name: string; column_name: string }>>(
      `SELECT c.table_name, c.column_name
         FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
        ORDER BY 1, 2`,
    );
    expect(columns.length).toBeGreaterThan(50);
    const needles = [person.name, person.email, person.organisation];
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      for (const needle of needles) {
        const rows = await t.db.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`,
          [needle],
        );
        if (rows[0].n > 0) found.push(`${table}.${column} holds "${needle}"`);
      }
    }
    expect(found).toEqual([]);

    // The log was written to all along (debug level), and names none of it either.
    expect(logLines.length).toBeGreaterThan(10);
    const log = logLines.join('\n').toLowerCase();
    expect(needles.filter((needle) => log.includes(needle.toLowerCase()))).toEqual([]);
  }, 120_000);
});
