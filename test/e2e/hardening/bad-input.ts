import fc from 'fast-check';
import type { DataSource } from 'typeorm';

/** Field names class-validator knows for a DTO class (empty for Object/Array/unknown). */
export function dtoFields(type: unknown): string[] {
  const storage = (
    globalThis as {
      classValidatorMetadataStorage?: {
        getTargetValidationMetadatas(t: unknown, s: string, a: boolean, g: boolean): Array<{ propertyName: string }>;
      };
    }
  ).classValidatorMetadataStorage;
  if (!storage || typeof type !== 'function' || type === Object || type === Array) return [];
  return [...new Set(storage.getTargetValidationMetadatas(type, '', true, false).map((m) => m.propertyName))];
}

const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
};

/** Values no field should choke on: each must come back as a 4xx (or be accepted), never a 5xx. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    -1,
    0,
    -2147483649,
    2147483648,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    0.5,
    '',
    ' ',
    'x'.repeat(100_000),
    'Name\r\nBcc: attacker@example.org',
    'Subject\nX-Injected: yes',
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '\u0000nul',
    '2026-02-30T25:61:00Z',
    'not-a-date',
    '0000-00-00',
    '275760-09-13T00:00:01Z',
    'Mars/Olympus_Mons',
    'Europe/London\r\n',
    'P99999999999999999999D',
    '../../etc/passwd',
    '%00',
    '6d0c0b1e-8f0b-4c1e-9d7e-3d5c2f4b1a00',
    'not-a-uuid',
    [],
    {},
    Array.from({ length: 5000 }, (_, i) => i),
    Array.from({ length: 2000 }, () => 'x'.repeat(50)),
    deep(200),
    { __proto__: { isAdmin: true } },
    { constructor: { prototype: { isAdmin: true } } },
  ),
  fc.string({ maxLength: 50 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
);

/** A body that must be refused: it always carries an unknown key or a prototype key. */
export const rejectedBody = (fields: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.dictionary(fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x'), nastyValue, { maxKeys: 4 }),
      fc.constantFrom('"__proto__"', '"constructor"', '"zzUnknownField"', '"isAdmin"'),
      nastyValue,
    )
    .map(([known, poison, value]) => {
      const json = JSON.stringify(known);
      const extra = poison === '"constructor"' ? '{"prototype":{"isAdmin":true}}' : JSON.stringify(value ?? null);
      return json === '{}' ? `{${poison}:${extra}}` : `${json.slice(0, -1)},${poison}:${extra}}`;
    });

/** Known fields set to nasty values (may be accepted when a value happens to be valid). */
export const nastyBody = (fields: string[]): fc.Arbitrary<unknown> =>
  fields.length === 0
    ? fc.oneof(nastyValue, fc.array(fc.dictionary(fc.string({ maxLength: 8 }), nastyValue, { maxKeys: 3 })))
    : fc.oneof(
        fc.dictionary(fc.constantFrom(...fields), nastyValue, { minKeys: 1, maxKeys: 5 }),
        fc.constantFrom<unknown>([], 'a string', 42, null, deep(300)),
      );

const QUERY_VALUES = [
  '-1',
  '0',
  '100000',
  '1e9',
  '99999999999999999999',
  'abc',
  '',
  '2026-02-30',
  'not-a-date',
  'Mars/Olympus',
  "' OR 1=1 --",
  '<script>',
  '%0d%0aX: y',
  'x'.repeat(5000),
];

/** A query string with known keys (and sometimes an unknown one) set to nasty values. */
export const nastyQuery = (fields: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.dictionary(
        fc.constantFrom(...(fields.length > 0 ? fields : ['limit']), 'zzUnknown', '__proto__', 'constructor'),
        fc.oneof(fc.constantFrom(...QUERY_VALUES), fc.string({ maxLength: 20 })),
        { minKeys: 1, maxKeys: 4 },
      ),
      fc.boolean(),
    )
    .map(([entries, repeat]) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(entries)) {
        params.append(k, v);
        if (repeat) params.append(k, v); // ?limit=1&limit=1 arrives as an array
      }
      return params.toString();
    });

/** Row count and an md5 of every row, per table: equal snapshots mean nothing changed. */
export async function snapshot(db: DataSource): Promise<Record<string, string>> {
  const tables = await db.query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations')
      ORDER BY table_name`,
  );
  const result: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const [row] = await db.query<Array<{ n: number; sum: string | null }>>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${table}" t`,
    );
    result[table] = `${row.n}:${row.sum}`;
  }
  return result;
}

/** Waits until the in-process worker has stopped changing rows (mail sent, jobs claimed). */
export async function settledSnapshot(db: DataSource): Promise<Record<string, string>> {
  let last = await snapshot(db);
  for (let i = 0; i < 50; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await snapshot(db);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

/** The one error shape: {statusCode, error, message}, statusCode equal to the HTTP status. */
export function errorShapeProblem(status: number, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 80)}`;
  }
  const b = body as { statusCode?: unknown; error?: unknown; message?: unknown };
  if (b.statusCode !== status) return `statusCode ${String(b.statusCode)} != ${status}`;
  if (typeof b.error !== 'string') return 'no error string';
  if (typeof b.message !== 'string' && !Array.isArray(b.message)) return 'no message';
  return undefined;
}

const DAY = 24 * 3600 * 1000;
const iso = (ms: number): string => new Date(Date.now() + ms).toISOString();

/**
 * A valid body per create/update route, so that one poisoned field at a time reaches the
 * service (a body that is wrong in many places stops at the validation pipe).
 */
export const VALID_BODIES: Record<string, (w: { delegateEmail: string }) => Record<string, unknown>> = {
  'POST /api/events': () => ({
    title: 'Sweep',
    timezone: 'Europe/London',
    startsAt: iso(40 * DAY),
    endsAt: iso(41 * DAY),
    capacity: 10,
  }),
  'PATCH /api/events/:eventId': () => ({ title: 'Renamed', capacity: 100 }),
  'POST /api/events/:eventId/sessions': () => ({
    title: 'Talk',
    kind: 'talk',
    startsAt: iso(30 * DAY + 3600_000),
    endsAt: iso(30 * DAY + 7200_000),
    room: 'Hall',
  }),
  'PATCH /api/events/:eventId/sessions/:sessionId': () => ({ title: 'Workshop' }),
  'POST /api/events/:eventId/speakers': () => ({ name: 'Speaker', organisation: 'Org' }),
  'PATCH /api/events/:eventId/speakers/:speakerId': () => ({ name: 'Speaker' }),
  'POST /api/events/:eventId/registrations': () => ({
    name: 'Sweep Delegate',
    email: `sweep-${Math.random().toString(36).slice(2)}@example.org`,
    organisation: 'Org',
    consent: true,
  }),
  'POST /api/events/:eventId/registrations/resend-link': (w) => ({ email: w.delegateEmail }),
  'POST /api/events/:eventId/members': () => ({ email: 'nobody@example.org', role: 'facilitator' }),
  'POST /api/users': () => ({
    email: `u-${Math.random().toString(36).slice(2)}@example.org`,
    name: 'U',
    password: 'long enough password',
  }),
  'POST /api/auth/login': () => ({ email: 'nobody@example.org', password: 'wrong password' }),
  'POST /api/events/:eventId/awards': () => ({
    title: 'Award',
    votingOpensAt: iso(DAY),
    votingClosesAt: iso(2 * DAY),
  }),
  'PATCH /api/awards/:awardId': () => ({ title: 'Award' }),
  'POST /api/awards/:awardId/nominations': () => ({ nomineeName: 'N', statement: 'S' }),
  'POST /api/events/:eventId/canvases': () => ({ title: 'Canvas' }),
  'POST /api/canvases/join/:joinCode/notes': () => ({ section: 'values', text: 'Note' }),
  'POST /api/canvas-join/:joinCode/notes': () => ({ section: 'values', text: 'Note' }),
  'PATCH /api/canvases/:canvasId/notes/:noteId': () => ({ hidden: false }),
};
