import { randomBytes } from 'node:crypto';
import type { TestApp } from '../setup/test-app.js';

export interface RegistrationInput {
  name?: string;
  email?: string;
  organisation?: string;
  agencyId?: string;
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
): Required<Omit<RegistrationInput, 'accessNeeds' | 'dietaryNeeds' | 'jobTitle' | 'agencyId'>> & RegistrationInput => ({
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
export async function tokenFromMail(t: TestApp, address: string, from = 0, timeoutMs = 45_000): Promise<string> {
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
  return collect(t, await post(t, eventId, overrides));
}

interface PostedRegistration {
  email: string;
  /** How many emails had been captured before this registration: its welcome email comes later. */
  mailFrom: number;
}

async function post(t: TestApp, eventId: string, overrides: RegistrationInput): Promise<PostedRegistration> {
  const body = registrationBody(overrides);
  const mailFrom = t.mail.messages.length;
  const response = await t.http.post(`/api/events/${eventId}/registrations`).send(body);
  if (response.status !== 202) {
    throw new Error(`register: expected 202, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { email: body.email, mailFrom };
}

async function collect(t: TestApp, posted: PostedRegistration): Promise<RegisteredDelegate> {
  const token = await tokenFromMail(t, posted.email, posted.mailFrom);
  const auth = { Authorization: `Bearer ${token}` };
  const me = await t.http.get('/api/registrations/me').set(auth);
  if (me.status !== 200) throw new Error(`register: the emailed link gave ${me.status} on /api/registrations/me`);
  const { id, status, waitlistPosition, waitlistReason } = me.body as Omit<RegisteredDelegate, 'token' | 'auth'>;
  return {
    id,
    email: posted.email.trim(),
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
  // Posted one after another, so arrival order is the index order; the emails are awaited together.
  const posted: PostedRegistration[] = [];
  for (let i = 0; i < count; i += 1) posted.push(await post(t, eventId, overrides(i)));
  return Promise.all(posted.map((registration) => collect(t, registration)));
}
