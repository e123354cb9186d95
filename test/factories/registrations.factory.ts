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

/** A personal link in a captured email: <APP_URL>/r/<token>. */
const LINK = /\/r\/([A-Za-z0-9_-]{43})\b/;

/**
 * The personal-link token of the first email to `address` (from the `from`-th captured
 * message on) that carries one, waiting for it to arrive: the way a delegate gets it.
 */
export async function tokenFromMail(t: TestApp, address: string, from = 0, timeoutMs = 20_000): Promise<string> {
  const to = address.trim().toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const mail of t.mail.messages.slice(from)) {
      const token = mail.to.some((r) => r.toLowerCase() === to) ? LINK.exec(mail.text)?.[1] : undefined;
      if (token) return token;
    }
    if (Date.now() > deadline) throw new Error(`No email with a personal link reached ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Registers a delegate through POST /api/events/:eventId/registrations (expects 202), takes
 * the personal link from the welcome email and reads the outcome from GET /api/registrations/me.
 */
export async function register(
  t: TestApp,
  eventId: string,
  overrides: RegistrationInput = {},
): Promise<RegisteredDelegate> {
  const body = registrationBody(overrides);
  const from = t.mail.messages.length;
  const response = await t.http.post(`/api/events/${eventId}/registrations`).send(body);
  if (response.status !== 202) {
    throw new Error(`register: expected 202, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  const token = await tokenFromMail(t, body.email, from);
  const auth = { Authorization: `Bearer ${token}` };
  const me = await t.http.get('/api/registrations/me').set(auth);
  if (me.status !== 200) throw new Error(`register: the emailed link gave ${me.status} on /api/registrations/me`);
  const { id, status, waitlistPosition, waitlistReason } = me.body as Omit<RegisteredDelegate, 'token' | 'auth'>;
  return {
    id,
    email: body.email.trim(),
    status,
    ...(waitlistPosition ? { waitlistPosition } : {}),
    ...(waitlistReason ? { waitlistReason } : {}),
    token,
    auth,
  };
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
