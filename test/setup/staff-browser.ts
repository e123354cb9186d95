import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

const ORIGIN = 'http://plenary.test';

/** The cookies a response sets, by name, with their attributes as sent. */
export function setCookies(response: Response): Map<string, string> {
  const header = response.headers['set-cookie'] as unknown as string[] | string | undefined;
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
}

/** A browser, as far as these pages need one: a cookie jar and the last form's CSRF token. */
export class Browser {
  private readonly jar = new Map<string, string>();
  csrf = '';

  constructor(private readonly t: TestApp) {}

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookieValue(name: string): string | undefined {
    return this.jar.get(name);
  }

  private keep(response: Response): Response {
    for (const [name, line] of setCookies(response)) {
      const value = line.slice(name.length + 1).split(';')[0];
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.text ?? '');
    if (token) this.csrf = token[1];
    return response;
  }

  async get(path: string): Promise<Response> {
    return this.keep(await this.t.http.get(path).set('Cookie', this.cookie));
  }

  async post(path: string, form: Record<string, string>, options: { csrf?: boolean; origin?: string } = {}) {
    const body = options.csrf === false ? form : { ...form, _csrf: this.csrf };
    return this.keep(
      await this.t.http
        .post(path)
        .set('Cookie', this.cookie)
        .set('Origin', options.origin ?? ORIGIN)
        .type('form')
        .send(body),
    );
  }

  async signIn(staff: { email: string; password: string }): Promise<Response> {
    await this.get('/staff/sign-in');
    return this.post('/staff/sign-in', { email: staff.email, password: staff.password });
  }
}
