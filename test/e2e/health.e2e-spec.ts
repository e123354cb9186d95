import { newStaff } from '../factories/staff.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database and redis up', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves the OpenAPI document', async () => {
    const response = await t.http.get('/docs-json').expect(200);
    expect(response.body.paths).toHaveProperty('/api/auth/login');
  });

  it('answers unknown addresses with the standard error shape', async () => {
    const response = await t.http.get('/nope').expect(404);
    expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });
});

describe('queue board', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for administrators only', async () => {
    await t.http.get('/admin/queues').expect(401);
    const staff = await newStaff(t);
    await t.http.get('/admin/queues').set(staff.auth).expect(403);
    const page = await t.http
      .get('/admin/queues')
      .set('Authorization', `Bearer ${await t.adminToken()}`)
      .expect(200);
    expect(page.text).toContain('Plenary queues');
    const api = await t.http
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${await t.adminToken()}`)
      .expect(200);
    expect(JSON.stringify(api.body)).toContain('mail');
  });
});
