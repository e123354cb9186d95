import type { EntityManager } from 'typeorm';
import { insertEvent, insertMember, insertRegistration } from '../factories/db-fixtures.js';
import {
  newCanvas,
  newCanvasContext,
  newParticipant,
  postNote,
  type CanvasContext,
} from '../factories/canvas.factory.js';
import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { CanvasesRepository } from '../../src/canvas/canvases.repository.js';

/**
 * The dot guard replaced by a plain read-then-write, which checks the limit and then spends
 * regardless of who spent meanwhile. Used only by the control run of the vote storm.
 */
class ReadThenWriteDots extends CanvasesRepository {
  override async takeDot(manager: EntityManager, canvasId: string, participantKey: string, limit: number) {
    const [row] = await manager.query<Array<{ dots_used: number }>>(
      `SELECT dots_used FROM canvas_participants WHERE canvas_id = $1 AND participant_key = $2`,
      [canvasId, participantKey],
    );
    if ((row?.dots_used ?? 0) >= limit) return false;
    await manager.query(
      `INSERT INTO canvas_participants (canvas_id, participant_key, dots_used) VALUES ($1, $2, 1)
       ON CONFLICT (canvas_id, participant_key) DO UPDATE SET dots_used = canvas_participants.dots_used + 1`,
      [canvasId, participantKey],
    );
    return true;
  }
}

describe('workshop canvas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('creating', () => {
    it('creates a movement-building canvas, values first, with a 6-character code without look-alikes', async () => {
      const { canvas } = await newCanvasContext(t);
      expect(canvas.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
      expect(canvas.status).toBe('open');
      expect(canvas.sections[0].key).toBe('values');
      expect(canvas.sections.map((s) => s.key)).toEqual(
        expect.arrayContaining(['values', 'people', 'power', 'actions', 'resources']),
      );
    });

    it('keeps a join code unique among open canvases: a reopened canvas whose code was taken gets a new one', async () => {
      const { event, canvas, facilitator } = await newCanvasContext(t);
      await t.http.post(`/api/canvases/${canvas.id}/close`).set(facilitator.auth).expect(200);
      const insertOpen = () =>
        t.db.query(
          `INSERT INTO canvases (event_id, title, sections, join_code) VALUES ($1, 'Other', '[]'::jsonb, $2) RETURNING id`,
          [event.id, canvas.joinCode],
        );
      // The closed canvas's code is free again: another open canvas may take it, but only one.
      const [other] = (await insertOpen()) as Array<{ id: string }>;
      await expect(insertOpen()).rejects.toMatchObject({ driverError: { constraint: 'uq_canvases_open_join_code' } });
      // The code now opens the other canvas.
      const view = await t.http.get(`/api/canvases/join/${canvas.joinCode}`).expect(200);
      expect(view.body.id).toBe(other.id);
      const reopened = await t.http.post(`/api/canvases/${canvas.id}/reopen`).set(facilitator.auth).expect(200);
      expect(reopened.body.status).toBe('open');
      expect(reopened.body.joinCode).not.toBe(canvas.joinCode);
      expect(reopened.body.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    });

    it('takes custom sections, refuses duplicates, unknown templates and a session of another event', async () => {
      const { event, facilitator } = await newCanvasContext(t);
      const custom = await newCanvas(t, event.id, facilitator, {
        sections: [
          { key: 'went-well', title: 'Went well', prompt: 'What worked?' },
          { key: 'change', title: 'Change', prompt: 'What would you change?' },
        ],
        dotsPerPerson: 5,
        anonymous: false,
      });
      expect(custom.sections.map((s) => s.key)).toEqual(['went-well', 'change']);
      expect(custom).toMatchObject({ dotsPerPerson: 5, anonymous: false });

      const dup = await t.http
        .post(`/api/events/${event.id}/canvases`)
        .set(facilitator.auth)
        .send({
          title: 'x',
          sections: [
            { key: 'a', title: 'A' },
            { key: 'a', title: 'B' },
          ],
        });
      expect(dup.status).toBe(422);
      const unknown = await t.http
        .post(`/api/events/${event.id}/canvases`)
        .set(facilitator.auth)
        .send({ title: 'x', template: 'no-such-template' });
      expect(unknown.status).toBe(422);
      const bad = await t.http
        .post(`/api/events/${event.id}/canvases`)
        .set(facilitator.auth)
        .send({ title: '', dotsPerPerson: -1, sections: [{ key: 'Not A Key', title: 'A' }], extra: 1 });
      expect(bad.status).toBe(400);
      const otherEvent = await insertEvent(t.db);
      const { insertSession } = await import('../factories/db-fixtures.js');
      const otherSession = await insertSession(t.db, otherEvent);
      const wrongSession = await t.http
        .post(`/api/events/${event.id}/canvases`)
        .set(facilitator.auth)
        .send({ title: 'x', sessionId: otherSession.id });
      expect(wrongSession.status).toBe(422);
      const ownSession = await insertSession(t.db, event);
      await t.http
        .post(`/api/events/${event.id}/canvases`)
        .set(facilitator.auth)
        .send({ title: 'x', sessionId: ownSession.id })
        .expect(201);
    });

    it('saves a canvas as a template and creates from it; lists built-in and saved templates', async () => {
      const { event, facilitator } = await newCanvasContext(t);
      const custom = await newCanvas(t, event.id, facilitator, {
        sections: [{ key: 'hopes', title: 'Hopes', prompt: 'What do you hope for?' }],
      });
      await t.http
        .post(`/api/canvases/${custom.id}/templates`)
        .set(facilitator.auth)
        .send({ key: 'hopes-fears', title: 'Hopes and fears' })
        .expect(201);
      const again = await t.http
        .post(`/api/canvases/${custom.id}/templates`)
        .set(facilitator.auth)
        .send({ key: 'hopes-fears', title: 'Again' });
      expect(again.status).toBe(409);
      const fromTemplate = await newCanvas(t, event.id, facilitator, { template: 'hopes-fears' });
      expect(fromTemplate.sections).toEqual([{ key: 'hopes', title: 'Hopes', prompt: 'What do you hope for?' }]);
      const list = await t.http.get(`/api/canvas-templates?eventId=${event.id}`).set(facilitator.auth).expect(200);
      expect((list.body as Array<{ key: string; builtIn: boolean }>).map((x) => [x.key, x.builtIn])).toEqual(
        expect.arrayContaining([
          ['movement-building', true],
          ['hopes-fears', false],
        ]),
      );
    });

    it('keeps a saved template to its own event unless an organiser shares it', async () => {
      const own = await newCanvasContext(t);
      const other = await newCanvasContext(t);
      const source = await newCanvas(t, own.event.id, own.facilitator, {
        sections: [{ key: 'wins', title: 'Wins', prompt: 'What went well?' }],
      });
      await t.http
        .post(`/api/canvases/${source.id}/templates`)
        .set(own.facilitator.auth)
        .send({ key: 'team-wins', title: 'Team wins' })
        .expect(201);
      const keys = async (ctx: CanvasContext, eventId?: string) =>
        (
          (
            await t.http
              .get(`/api/canvas-templates${eventId ? `?eventId=${eventId}` : ''}`)
              .set(ctx.facilitator.auth)
              .expect(200)
          ).body as Array<{ key: string }>
        ).map((x) => x.key);
      expect(await keys(own, own.event.id)).toContain('team-wins');
      expect(await keys(other, other.event.id)).not.toContain('team-wins');
      expect(await keys(other)).not.toContain('team-wins');
      await t.http.get(`/api/canvas-templates?eventId=${own.event.id}`).set(other.facilitator.auth).expect(403);
      const fromOther = await t.http
        .post(`/api/events/${other.event.id}/canvases`)
        .set(other.facilitator.auth)
        .send({ title: 'x', template: 'team-wins' });
      expect(fromOther.status).toBe(422);
      // The other event may use the same key for its own template.
      const otherSource = await newCanvas(t, other.event.id, other.facilitator);
      await t.http
        .post(`/api/canvases/${otherSource.id}/templates`)
        .set(other.facilitator.auth)
        .send({ key: 'team-wins', title: 'Their wins' })
        .expect(201);

      const organiser = await newStaff(t);
      await insertMember(t.db, own.event.id, organiser.id, 'organiser');
      const sharedSource = await newCanvas(t, own.event.id, own.facilitator, {
        sections: [{ key: 'next', title: 'Next steps', prompt: 'What next?' }],
      });
      await t.http
        .post(`/api/canvases/${sharedSource.id}/templates`)
        .set(own.facilitator.auth)
        .send({ key: 'next-steps', title: 'Next steps', shared: true })
        .expect(403);
      await t.http
        .post(`/api/canvases/${sharedSource.id}/templates`)
        .set(organiser.auth)
        .send({ key: 'next-steps', title: 'Next steps', shared: true })
        .expect(201);
      expect(await keys(other)).toContain('next-steps');
      const fromShared = await newCanvas(t, other.event.id, other.facilitator, { template: 'next-steps' });
      expect(fromShared.sections).toEqual([{ key: 'next', title: 'Next steps', prompt: 'What next?' }]);
    });
  });

  it('documents the canvas routes and responses in OpenAPI', async () => {
    const docs = await t.http.get('/docs-json').expect(200);
    const spec = docs.body as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: Record<string, { items?: { $ref?: string } }> }> };
    };
    for (const path of [
      '/api/events/{eventId}/canvases',
      '/api/canvases/{canvasId}',
      '/api/canvas-join/{joinCode}/notes',
      '/api/canvas-join/{joinCode}/notes/{noteId}/dots',
      '/api/canvases/{canvasId}/notes/{noteId}',
      '/api/canvases/{canvasId}/stream',
      '/api/canvases/{canvasId}/export',
    ]) {
      expect(spec.paths).toHaveProperty([path]);
    }
    expect(spec.paths).not.toHaveProperty(['/canvases/{joinCode}']);
    expect(spec.components.schemas.CanvasResponse.properties.sections.items!.$ref).toMatch(/StaffSectionResponse$/);
  });

  describe('who may do what', () => {
    let ctx: CanvasContext;
    beforeAll(async () => {
      ctx = await newCanvasContext(t);
      await postNote(newParticipant(t), ctx.canvas.joinCode, { text: 'A note' });
    });

    it('refuses the public and other staff on facilitator routes', async () => {
      const stranger = await newStaff(t);
      const id = ctx.canvas.id;
      for (const [method, path] of [
        ['get', `/api/canvases/${id}`],
        ['get', `/api/canvases/${id}/export?format=json`],
        ['post', `/api/canvases/${id}/close`],
        ['get', `/api/canvases/${id}/stream`],
      ] as const) {
        expect((await t.http[method](path)).status).toBe(401);
        expect((await t.http[method](path).set(stranger.auth)).status).toBe(403);
      }
      expect(
        (await t.http.post(`/api/events/${ctx.event.id}/canvases`).set(stranger.auth).send({ title: 'x' })).status,
      ).toBe(403);
    });

    it('lets an organiser and an admin in', async () => {
      const organiser = await newStaff(t);
      await insertMember(t.db, ctx.event.id, organiser.id, 'organiser');
      await t.http.get(`/api/canvases/${ctx.canvas.id}`).set(organiser.auth).expect(200);
      await t.http
        .get(`/api/canvases/${ctx.canvas.id}`)
        .set('Authorization', `Bearer ${await t.adminToken()}`)
        .expect(200);
    });

    it('needs the code for the public view and stream: a wrong code or id is a 404', async () => {
      const other = await newCanvasContext(t);
      const stream = await t.http.get(`/api/canvases/${ctx.canvas.id}/stream?code=${other.canvas.joinCode}`);
      expect(stream.status).toBe(404);
      expect((await t.http.get(`/api/canvases/${ctx.canvas.id}/stream?code=ZZZZZZ`)).status).toBe(404);
      expect((await t.http.get('/api/canvases/join/ZZZZZZ')).status).toBe(404);
      expect((await t.http.get('/api/canvases/join/not-a-code')).status).toBe(404);
      const view = await t.http.get(`/api/canvases/join/${ctx.canvas.joinCode.toLowerCase()}`).expect(200);
      expect(view.body.sections[0].notes[0]).toMatchObject({ text: 'A note', authorName: null });
      expect(JSON.stringify(view.body)).not.toMatch(/participant|eventId/);
    });
  });

  describe('posting notes', () => {
    it('posts a trimmed note with author and group, and refuses empty, too long and unknown sections', async () => {
      const { canvas } = await newCanvasContext(t);
      const phone = newParticipant(t);
      const response = await phone
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .send({ section: 'values', text: '   Care for each other  ', authorName: ' Ana ', group: 'Table 3' })
        .expect(201);
      expect(response.body).toMatchObject({
        section: 'values',
        text: 'Care for each other',
        authorName: 'Ana',
        group: 'Table 3',
        dots: 0,
        hidden: false,
      });
      expect(String(response.headers['set-cookie'])).toMatch(/plenary_participant=.*HttpOnly/i);
      const url = `/api/canvases/join/${canvas.joinCode}/notes`;
      expect((await phone.post(url).send({ section: 'values', text: '    ' })).status).toBe(400);
      expect((await phone.post(url).send({ section: 'values', text: 'x'.repeat(501) })).status).toBe(400);
      await phone
        .post(url)
        .send({ section: 'values', text: 'é'.repeat(500) })
        .expect(201);
      expect((await phone.post(url).send({ section: 'nowhere', text: 'hello' })).status).toBe(422);
      expect((await phone.post(url).send({ section: 'values', text: 'hello', participantKey: 'x' })).status).toBe(400);
      expect((await phone.post('/api/canvases/join/ZZZZZZ/notes').send({ section: 'values', text: 'x' })).status).toBe(
        404,
      );
    });

    it('answers 423 on a closed canvas and takes notes again once reopened', async () => {
      const { canvas, facilitator } = await newCanvasContext(t);
      const phone = newParticipant(t);
      const note = await postNote(phone, canvas.joinCode);
      await t.http.post(`/api/canvases/${canvas.id}/close`).set(facilitator.auth).expect(200);
      const refused = await phone
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .send({ section: 'values', text: 'Too late' });
      expect(refused.status).toBe(423);
      expect(refused.body).toMatchObject({ statusCode: 423, error: 'Locked' });
      expect((await phone.post(`/api/canvases/join/${canvas.joinCode}/notes/${note.id}/dots`)).status).toBe(423);
      const reopened = await t.http.post(`/api/canvases/${canvas.id}/reopen`).set(facilitator.auth).expect(200);
      await postNote(phone, reopened.body.joinCode as string, { text: 'Back again' });
    });

    it('needs a delegate of the event on a named canvas, and names the note after them', async () => {
      const { event, canvas } = await newCanvasContext(t, { anonymous: false });
      const phone = newParticipant(t);
      const anonymous = await phone
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .send({ section: 'values', text: 'Hi' });
      expect(anonymous.status).toBe(401);
      const delegate = await insertRegistration(t.db, event.id, { name: 'Grace Hopper' });
      const note = await phone
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .set(delegate.auth)
        .send({ section: 'values', text: 'Hi' })
        .expect(201);
      expect(note.body.authorName).toBe('Grace Hopper');
      const otherEvent = await insertEvent(t.db);
      const outsider = await insertRegistration(t.db, otherEvent.id);
      const refused = await phone
        .post(`/api/canvases/join/${canvas.joinCode}/notes`)
        .set(outsider.auth)
        .send({ section: 'values', text: 'Hi' });
      expect(refused.status).toBe(401);
    });

    it('throttles one participant, not the whole venue', async () => {
      const local = await createTestApp({ rateLimitCanvasNotes: 3 });
      try {
        const { canvas } = await newCanvasContext(local);
        const phone = newParticipant(local);
        // Opening the page gives the phone its participant cookie.
        await phone.get(`/canvases/${canvas.joinCode}`).expect(200);
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          statuses.push(
            (await phone.post(`/api/canvases/join/${canvas.joinCode}/notes`).send({ section: 'values', text: `n${i}` }))
              .status,
          );
        }
        expect(statuses).toEqual([201, 201, 201, 429]);
        // Another phone on the same Wi-Fi (same IP) still gets through.
        const other = newParticipant(local);
        await other.get(`/api/canvases/join/${canvas.joinCode}`).expect(200);
        await postNote(other, canvas.joinCode, { text: 'other phone' });
      } finally {
        await local.close();
      }
    });
  });

  describe('moderation', () => {
    it('moves, clusters and hides notes; hidden notes leave the public view', async () => {
      const { canvas, facilitator } = await newCanvasContext(t);
      const phone = newParticipant(t);
      const note = await postNote(phone, canvas.joinCode, { text: 'Share power' });
      const path = `/api/canvases/${canvas.id}/notes/${note.id}`;
      const moved = await t.http.patch(path).set(facilitator.auth).send({ section: 'power', cluster: 'Sharing' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ section: 'power', cluster: 'Sharing' });
      expect((await t.http.patch(path).set(facilitator.auth).send({ section: 'nowhere' })).status).toBe(422);
      expect((await t.http.patch(path).set(facilitator.auth).send({ mergedInto: note.id })).status).toBe(422);
      expect(
        (await t.http.patch(`/api/canvases/${canvas.id}/notes/${canvas.id}`).set(facilitator.auth).send({})).status,
      ).toBe(404);
      await t.http.patch(path).set(facilitator.auth).send({ cluster: null }).expect(200);
      await t.http.patch(path).set(facilitator.auth).send({ hidden: true }).expect(200);

      const view = await t.http.get(`/api/canvases/join/${canvas.joinCode}`).expect(200);
      expect(JSON.stringify(view.body)).not.toContain('Share power');
      const staffView = await t.http.get(`/api/canvases/${canvas.id}`).set(facilitator.auth).expect(200);
      const power = (staffView.body.sections as Array<{ key: string; notes: unknown[] }>).find(
        (s) => s.key === 'power',
      );
      expect(power!.notes).toEqual([expect.objectContaining({ id: note.id, hidden: true, cluster: null })]);
      expect((await phone.post(`/api/canvases/join/${canvas.joinCode}/notes/${note.id}/dots`)).status).toBe(404);
    });

    it('merges a duplicate: the survivor keeps links to its originals and their dots', async () => {
      const { canvas, facilitator } = await newCanvasContext(t, { dotsPerPerson: 5 });
      const phone = newParticipant(t);
      const keep = await postNote(phone, canvas.joinCode, { text: 'Trust' });
      const dupe = await postNote(phone, canvas.joinCode, { text: 'trust!' });
      const third = await postNote(phone, canvas.joinCode, { text: 'TRUST' });
      const dot = (id: string) => phone.post(`/api/canvases/join/${canvas.joinCode}/notes/${id}/dots`).expect(201);
      await dot(keep.id);
      await dot(dupe.id);
      await dot(dupe.id);
      await dot(third.id);
      // third into dupe, then dupe into keep: one level deep, every dot counted once.
      await t.http
        .patch(`/api/canvases/${canvas.id}/notes/${third.id}`)
        .set(facilitator.auth)
        .send({ mergedInto: dupe.id })
        .expect(200);
      const merged = await t.http
        .patch(`/api/canvases/${canvas.id}/notes/${dupe.id}`)
        .set(facilitator.auth)
        .send({ mergedInto: keep.id })
        .expect(200);
      expect(merged.body.mergedIntoId).toBe(keep.id);
      const again = await t.http
        .patch(`/api/canvases/${canvas.id}/notes/${dupe.id}`)
        .set(facilitator.auth)
        .send({ mergedInto: keep.id });
      expect(again.status).toBe(409);

      const view = await t.http.get(`/api/canvases/${canvas.id}`).set(facilitator.auth).expect(200);
      const values = (
        view.body.sections as Array<{
          key: string;
          notes: Array<{ id: string; dots: number; ownDots: number; mergedFrom: Array<{ id: string; dots: number }> }>;
        }>
      ).find((s) => s.key === 'values')!;
      expect(values.notes).toHaveLength(1);
      const survivor = values.notes[0];
      expect(survivor).toMatchObject({ id: keep.id, dots: 4, ownDots: 1 });
      expect(survivor.mergedFrom.map((n: { id: string; dots: number }) => [n.id, n.dots]).sort()).toEqual(
        [
          [dupe.id, 3],
          [third.id, 1],
        ].sort(),
      );
      const rows = await t.db.query(
        'SELECT note_id, count(*)::int AS n FROM note_dots WHERE canvas_id = $1 GROUP BY note_id',
        [canvas.id],
      );
      expect(new Map(rows.map((r: { note_id: string; n: number }) => [r.note_id, r.n]))).toEqual(
        new Map([
          [keep.id, 1],
          [dupe.id, 2],
          [third.id, 1],
        ]),
      );
      // A dot on a merged-away note lands on the survivor.
      const redirected = await dot(third.id);
      expect(redirected.body).toMatchObject({ id: keep.id, dots: 5, dotsLeft: 0 });
      const publicView = await t.http.get(`/api/canvases/join/${canvas.joinCode}`).expect(200);
      expect(JSON.stringify(publicView.body)).not.toContain('TRUST');
    });
  });

  describe('dot-voting', () => {
    /** 30 simultaneous dot-votes from one phone on a canvas allowing 3; returns the dots stored. */
    async function voteStorm(app: TestApp): Promise<{ created: number; stored: number; counted: number }> {
      const { canvas } = await newCanvasContext(app, { dotsPerPerson: 3 });
      const poster = newParticipant(app);
      const notes: Array<{ id: string }> = [];
      for (let i = 1; i <= 5; i++) notes.push(await postNote(poster, canvas.joinCode, { text: `Idea ${i}` }));
      const voter = newParticipant(app);
      // The voter's cookie first (as a phone has it from opening the page).
      await postNote(voter, canvas.joinCode, { text: 'mine' });
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          voter.post(`/api/canvases/join/${canvas.joinCode}/notes/${notes[i % notes.length].id}/dots`),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const [{ stored }] = await app.db.query('SELECT count(*)::int AS stored FROM note_dots WHERE canvas_id = $1', [
        canvas.id,
      ]);
      const [{ counted }] = await app.db.query(
        'SELECT sum(dots)::int AS counted FROM canvas_notes WHERE canvas_id = $1',
        [canvas.id],
      );
      return { created: statuses.filter((s) => s === 201).length, stored, counted };
    }

    it('holds the per-person limit under 30 simultaneous votes from one participant', async () => {
      await expect(voteStorm(t)).resolves.toEqual({ created: 3, stored: 3, counted: 3 });
      // Someone else still has their own dots.
      const { canvas } = await newCanvasContext(t, { dotsPerPerson: 1 });
      const note = await postNote(newParticipant(t), canvas.joinCode);
      await newParticipant(t).post(`/api/canvases/join/${canvas.joinCode}/notes/${note.id}/dots`).expect(201);
    });

    it('control: without the guard the same storm overspends (so the test above can fail)', async () => {
      const control = await createTestApp({}, { swap: [{ provide: CanvasesRepository, useClass: ReadThenWriteDots }] });
      try {
        const result = await voteStorm(control);
        expect(result.stored).toBeGreaterThan(3);
      } finally {
        await control.close();
      }
    });

    it('counts a delegate as one participant across devices', async () => {
      const { event, canvas } = await newCanvasContext(t, { dotsPerPerson: 1 });
      const note = await postNote(newParticipant(t), canvas.joinCode);
      const delegate = await insertRegistration(t.db, event.id);
      await newParticipant(t)
        .post(`/api/canvases/join/${canvas.joinCode}/notes/${note.id}/dots`)
        .set(delegate.auth)
        .expect(201);
      const second = await newParticipant(t)
        .post(`/api/canvases/join/${canvas.joinCode}/notes/${note.id}/dots`)
        .set(delegate.auth);
      expect(second.status).toBe(409);
    });
  });

  describe('pages', () => {
    const nasty = '<script>alert("x")</script><img src=x onerror=alert(1)>';

    it('shows HTML and script in notes as text on the phone page and the wall', async () => {
      const { canvas } = await newCanvasContext(t, { title: 'Our <b>canvas</b>' });
      await postNote(newParticipant(t), canvas.joinCode, { text: nasty, authorName: '<i>Eve</i>', group: '"><svg>' });
      for (const path of [`/canvases/${canvas.joinCode}`, `/canvases/${canvas.joinCode}/wall`]) {
        const page = await t.http.get(path).expect(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.text).not.toContain('<script>alert');
        expect(page.text).not.toContain('<img src=x');
        expect(page.text).not.toContain('<i>Eve</i>');
        expect(page.text).not.toContain('"><svg>');
        expect(page.text).not.toContain('<b>canvas</b>');
        expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
        expect(page.text).toContain('&lt;i&gt;Eve&lt;/i&gt;');
        // Every script is a same-origin file (the page's own and the site's); the CSP forbids inline ones.
        const scripts = page.text.match(/<script[^>]*>[^<]*<\/script>/g) ?? [];
        expect(scripts.length).toBeGreaterThanOrEqual(1);
        for (const script of scripts)
          expect(script).toMatch(/^<script src="\/[^"?]+\.js(\?v=[\w-]+)?" defer><\/script>$/);
        expect(page.text).toContain('<script src="/canvases/assets/canvas.js" defer></script>');
        expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
      }
      const script = await t.http.get('/canvases/assets/canvas.js').expect(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
      expect(script.text).toContain('textContent');
      expect(script.text).not.toMatch(/innerHTML/);
    });

    it('answers an unknown code with a 404 page that does not echo it', async () => {
      const page = await t.http.get('/canvases/%3Cscript%3E');
      expect(page.status).toBe(404);
      expect(page.text).not.toContain('<script>');
      expect((await t.http.get('/canvases/ZZZZZZ/wall')).status).toBe(404);
    });
  });
});
