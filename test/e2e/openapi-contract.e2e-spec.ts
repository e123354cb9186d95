import { EXPECTED } from './authz-matrix.table.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The OpenAPI document is a contract a client can be generated from: every operation has a
 * summary, its security, a typed success response and its 4xx answers in the one error shape;
 * the server is named and no two paths can match the same URL.
 */

type Schema = Record<string, unknown>;
interface Operation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
/** Media types of success bodies that are not JSON: files and streams. */
const FILE_TYPES = new Set([
  'text/calendar',
  'text/csv',
  'text/markdown',
  'text/event-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/**
 * Redocly's no-ambiguous-paths: two templates of the same length that match, segment by
 * segment, literally or through a variable, with as many variables each, can name the same URL.
 */
export function ambiguous(a: string, b: string): boolean {
  const left = a.split('/');
  const right = b.split('/');
  if (left.length !== right.length) return false;
  let leftVars = 0;
  let rightVars = 0;
  for (let i = 0; i < left.length; i++) {
    const l = /^\{.+\}$/.test(left[i]);
    const r = /^\{.+\}$/.test(right[i]);
    if (l) leftVars++;
    if (r) rightVars++;
    if (!l && !r && left[i] !== right[i]) return false;
  }
  return leftVars === rightVars;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  const operations: Array<{ key: string; path: string; op: Operation }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as Document;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (METHODS.has(method)) operations.push({ key: `${method.toUpperCase()} ${path}`, path, op });
      }
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('names the server', () => {
    expect(doc.servers?.[0]?.url).toMatch(/^https?:\/\//);
  });

  it('gives every operation a summary', () => {
    expect(operations.filter(({ op }) => !op.summary?.trim()).map((o) => o.key)).toEqual([]);
  });

  it('declares every operation’s security, empty exactly where anyone may call it', () => {
    const wrong: string[] = [];
    for (const { key, op } of operations) {
      const route = key.replace(/\{(\w+)\}/g, ':$1');
      const row = EXPECTED[route];
      if (!op.security) {
        wrong.push(`${key}: no security`);
        continue;
      }
      const anonymousPasses = row ? row.anonymous !== 401 && row.anonymous !== 403 && row.anonymous !== 'deny' : true;
      const open = op.security.length === 0;
      // A login that is optional ({} beside a scheme) changes what the answer holds, so either result may hold.
      const optional = op.security.length > 1 && op.security.some((r) => Object.keys(r).length === 0);
      if (open && !anonymousPasses) wrong.push(`${key}: declared open, but anonymous callers are refused`);
      if (!open && !optional && anonymousPasses)
        wrong.push(`${key}: anonymous callers get through, but a login is declared`);
    }
    expect(wrong).toEqual([]);
  });

  it('types every success response (JSON schema, or the media type of a file or stream)', () => {
    const untyped: string[] = [];
    for (const { key, op } of operations) {
      const success = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
      if (success.length === 0) untyped.push(`${key}: no 2xx`);
      for (const [code, response] of success) {
        if (code === '204' || (code === '202' && !response.content)) continue;
        const media = Object.entries(response.content ?? {});
        const typed = media.some(([type, body]) =>
          type === 'application/json'
            ? body.schema !== undefined && Object.keys(body.schema).length > 0
            : FILE_TYPES.has(type),
        );
        if (!typed) untyped.push(`${key} ${code}`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it('describes every 4xx answer in the one error shape', () => {
    const wrong: string[] = [];
    for (const { key, op } of operations) {
      for (const [code, response] of Object.entries(op.responses)) {
        if (!/^4\d\d$/.test(code)) continue;
        const ref = response.content?.['application/json']?.schema?.$ref;
        if (ref !== '#/components/schemas/ErrorResponse') wrong.push(`${key} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(doc.components.schemas.ErrorResponse).toMatchObject({ required: ['statusCode', 'error', 'message'] });
    const answersErrors = operations.filter(({ op }) => Object.keys(op.responses).some((c) => c.startsWith('4')));
    expect(answersErrors.length).toBeGreaterThan(operations.length - 3);
  });

  it('has no two paths that could match the same URL', () => {
    const paths = Object.keys(doc.paths);
    const pairs: string[] = [];
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++)
        if (ambiguous(paths[i], paths[j])) pairs.push(`${paths[i]} ~ ${paths[j]}`);
    }
    expect(pairs).toEqual([]);
  });

  it('serves the join-code routes at their documented address, and still at the former one', async () => {
    expect(doc.paths).toHaveProperty(['/api/canvas-join/{joinCode}']);
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/canvases/join/'))).toEqual([]);
    for (const path of ['/api/canvas-join/ZZZZZZ', '/api/canvases/join/ZZZZZZ']) {
      const response = await t.http.get(path).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });
});
