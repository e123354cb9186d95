import { randomBytes } from 'node:crypto';
import type { TestApp } from '../setup/test-app.js';

export interface RegistrationInput {
  name?: string;
  email?: string;
  organisation?: string;
  jobTitle?: string;
  accessNeeds?: string;
  dietaryNeeds?: string;
  consent?: boolean;
}

export interface RegisteredDelegate {
  id: string;
  email: string;
  status: 'confirmed' | 'waitlisted';
  waitlistPosition?: number;
  waitlistReason?: string;
  token: string;
  auth: { Authorization: string };
}

export const registrationBody = (
  overrides: RegistrationInput = {},
): Required<Omit<RegistrationInput, 'accessNeeds' | 'dietaryNeeds' | 'jobTitle'>> & RegistrationInput => ({
  name: 'Alex Delegate',
  email: `delegate-${randomBytes(5).toString('hex')}@example.org`,
  organisation: `Org ${randomBytes(3).toString('hex')}`,
  consent: true,
  ...overrides,
});

/** Registers a delegate through POST /api/events/:eventId/registrations (expects 201). */
export async function register(
  t: TestApp,
  eventId: string,
  overrides: RegistrationInput = {},
): Promise<RegisteredDelegate> {
  const body = registrationBody(overrides);
  const response = await t.http.post(`/api/events/${eventId}/registrations`).send(body);
  if (response.status !== 201) {
    throw new Error(`register: expected 201, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  const created = response.body as Omit<RegisteredDelegate, 'email' | 'auth'>;
  return { ...created, email: body.email.trim().toLowerCase(), auth: { Authorization: `Bearer ${created.token}` } };
}

/** Registers `count` delegates one after another (arrival order is the index order). */
export async function registerMany(
  t: TestApp,
  eventId: string,
  count: number,
  overrides: (i: number) => RegistrationInput = () => ({}),
): Promise<RegisteredDelegate[]> {
  const delegates: RegisteredDelegate[] = [];
  for (let i = 0; i < count; i += 1) delegates.push(await register(t, eventId, overrides(i)));
  return delegates;
}
