import { randomBytes } from 'node:crypto';
import type { TestApp } from '../setup/test-app.js';

export interface StaffUser {
  id: string;
  email: string;
  password: string;
  token: string;
  auth: { Authorization: string };
}

/** A staff account created by the admin, logged in. */
export async function newStaff(t: TestApp, overrides: { email?: string; name?: string } = {}): Promise<StaffUser> {
  const email = overrides.email ?? `staff-${randomBytes(4).toString('hex')}@example.org`;
  const password = 'correct horse battery';
  const created = await t.http
    .post('/api/users')
    .set('Authorization', `Bearer ${await t.adminToken()}`)
    .send({ email, name: overrides.name ?? 'Staff Member', password })
    .expect(201);
  const login = await t.http.post('/api/auth/login').send({ email, password }).expect(200);
  const token = (login.body as { accessToken: string }).accessToken;
  return {
    id: (created.body as { id: string }).id,
    email,
    password,
    token,
    auth: { Authorization: `Bearer ${token}` },
  };
}
