import { Logger } from '@nestjs/common';
import Fastify from 'fastify';
import { isApiPath, jsonDeeperThan, MAX_JSON_DEPTH, registerBodyParsers } from './body-parsers.js';
import { toErrorBody } from './all-exceptions.filter.js';

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('jsonDeeperThan', () => {
  it('counts arrays and objects inside one another, up to the limit and one past it', () => {
    expect(jsonDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    const objects = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1);
    expect(jsonDeeperThan(objects, MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDeeperThan('{"a":[1,{"b":[2]}],"c":{}}', 2)).toBe(true);
    expect(jsonDeeperThan('{"a":[1,{"b":2}],"c":{}}', 3)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDeeperThan(JSON.stringify({ text: '[[[[[[{{{{{{' }), 1)).toBe(false);
    expect(jsonDeeperThan(JSON.stringify({ text: 'a "quoted" [[[[ \\ [[[[' }), 1)).toBe(false);
    expect(jsonDeeperThan(`["\\\\",[[`, 2)).toBe(true);
  });

  it('a wide body is not deep, and siblings do not add up', () => {
    const wide = JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ i, tags: [i] })));
    expect(jsonDeeperThan(wide, 3)).toBe(false);
    expect(jsonDeeperThan(wide, 2)).toBe(true);
  });

  it('stops at the first level too deep: a megabyte of brackets costs microseconds', () => {
    const deep = '['.repeat(1_048_576);
    const started = performance.now();
    expect(jsonDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('isApiPath', () => {
  it('is the JSON API and nothing else', () => {
    expect(['/api', '/api/', '/api/events', '/api?x=1'].map(isApiPath)).toEqual([true, true, true, true]);
    expect(['/apis', '/events/x/register', '/canvases/ABC', '/r/t', '/'].map(isApiPath)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('a RangeError reaching the error filter', () => {
  it('is a 400 in the one shape, logged as one line without a stack', () => {
    const warnings: unknown[] = [];
    const errors: unknown[] = [];
    const logger = new Logger('test');
    logger.warn = (message: unknown) => void warnings.push(message);
    logger.error = (message: unknown) => void errors.push(message);
    let overflow: unknown;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    try {
      recurse(0);
    } catch (error) {
      overflow = error;
    }
    expect(overflow).toBeInstanceOf(RangeError);
    const body = toErrorBody(overflow, 'req-1', logger);
    expect(body.statusCode).toBe(400);
    expect(body.error).toBe('Bad Request');
    expect(body).not.toHaveProperty('requestId');
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).not.toContain('at recurse');
  });
});

describe('registerBodyParsers on a bare Fastify', () => {
  const app = Fastify();
  let staffAsked = 0;
  beforeAll(async () => {
    registerBodyParsers(app, {
      bodyLimit: 8_192,
      publicBodyLimit: 1_024,
      mayExceedPublicLimit: (request) => {
        staffAsked++;
        return Promise.resolve(request.headers.authorization === 'Bearer staff');
      },
    });
    for (const path of ['/api/things', '/events/:slug/register']) {
      app.post(path, (request) => ({ body: request.body ?? null }));
    }
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string, type: string, authorization?: string) =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': type, ...(authorization ? { authorization } : {}) },
    });

  it('parses page forms outside /api and refuses them on /api', async () => {
    const page = await post('/events/e/register', 'name=Ada+L&tags=a&tags=b', 'application/x-www-form-urlencoded');
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ body: { name: 'Ada L', tags: ['a', 'b'] } });
    const api = await post('/api/things', 'name=Ada', 'application/x-www-form-urlencoded');
    expect(api.statusCode).toBe(415);
    const proto = await post('/events/e/register', '__proto__=x', 'application/x-www-form-urlencoded');
    expect(proto.statusCode).toBe(400);
  });

  it('takes an empty JSON body as no body, and refuses prototype keys as before', async () => {
    expect((await post('/api/things', '', 'application/json')).json()).toEqual({ body: null });
    expect((await post('/api/things', '{"__proto__":{"x":1}}', 'application/json')).statusCode).toBe(400);
    expect((await post('/api/things', '{"a":[1,2]}', 'application/json')).json()).toEqual({ body: { a: [1, 2] } });
  });

  it('holds public bodies to the public limit and asks about the caller only for bigger ones', async () => {
    staffAsked = 0;
    const small = JSON.stringify({ text: 'x'.repeat(900) });
    const big = JSON.stringify({ text: 'x'.repeat(2_000) });
    expect((await post('/api/things', small, 'application/json')).statusCode).toBe(200);
    expect(staffAsked).toBe(0);
    expect((await post('/api/things', big, 'application/json')).statusCode).toBe(413);
    expect((await post('/api/things', big, 'application/json', 'Bearer staff')).statusCode).toBe(200);
    const form = `text=${'x'.repeat(2_000)}`;
    expect((await post('/events/e/register', form, 'application/x-www-form-urlencoded')).statusCode).toBe(413);
    expect(
      (await post('/api/things', JSON.stringify({ text: 'x'.repeat(9_000) }), 'application/json', 'Bearer staff'))
        .statusCode,
    ).toBe(413);
  });
});
