import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { newCanvasContext, newParticipant, postNote, type CanvasContext } from '../factories/canvas.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The pages' script, run against the real API in a small stand-in for the browser (no browser
 * on the build machines): enough DOM for what canvas.client.js touches, fetch and EventSource.
 */
class FakeNode {
  children: FakeNode[] = [];
  parent: FakeNode | undefined;
  attributes = new Map<string, string>();
  listeners = new Map<string, Array<(event: unknown) => void>>();
  className = '';
  hidden = false;
  value = '';
  type = '';
  private text = '';

  constructor(readonly nodeName: string) {}

  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.children = [];
    this.text = value;
  }
  get lastChild(): FakeNode | null {
    return this.children[this.children.length - 1] ?? null;
  }
  appendChild(child: FakeNode): FakeNode {
    child.parent = this;
    this.children.push(child);
    return child;
  }
  removeChild(child: FakeNode): FakeNode {
    this.children = this.children.filter((c) => c !== child);
    return child;
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, event: unknown = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  all(): FakeNode[] {
    return this.children.flatMap((c) => [c, ...c.all()]);
  }
  querySelector(selector: string): FakeNode | null {
    const attr = /^\[([\w-]+)="(.*)"\]$/.exec(selector);
    return (
      this.all().find((n) =>
        attr
          ? n.getAttribute(attr[1]) === attr[2]
          : selector.startsWith('.')
            ? n.className === selector.slice(1)
            : n.nodeName === selector.toUpperCase(),
      ) ?? null
    );
  }
}

const el = (tag: string, attributes: Record<string, string> = {}, ...children: FakeNode[]) => {
  const node = new FakeNode(tag.toUpperCase());
  for (const [k, v] of Object.entries(attributes)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.appendChild(child);
  return node;
};

const waitUntil = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('canvas pages script', () => {
  let t: TestApp;
  let base: string;
  let ctx: CanvasContext;
  const script = readFileSync(new URL('../../src/canvas/pages/canvas.client.js', import.meta.url), 'utf8');
  const aborts: AbortController[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const abort of aborts) abort.abort();
    await t.close();
  });
  beforeEach(async () => {
    ctx = await newCanvasContext(t, {
      sections: [
        { key: 'values', title: 'Values', prompt: 'Why?' },
        { key: 'actions', title: 'Actions', prompt: 'What?' },
      ],
    });
  });

  /** Runs the script on a page skeleton shaped like the server's, with the data attributes read from it. */
  async function openPage(page: 'join' | 'wall') {
    const html = (await t.http.get(`/canvases/${ctx.canvas.joinCode}${page === 'wall' ? '/wall' : ''}`).expect(200))
      .text;
    const data = (name: string) => new RegExp(`data-${name}="([^"]*)"`).exec(html)![1];
    const body = el('body', {
      'data-canvas-id': data('canvas-id'),
      'data-code': data('code'),
      'data-seq': data('seq'),
      'data-page': data('page'),
    });
    body.appendChild(el('div', { id: 'closed', class: 'banner' }));
    body.appendChild(el('p', { id: 'status' }));
    body.appendChild(el('span', { id: 'dots-left' }));
    for (const section of ctx.canvas.sections) {
      body.appendChild(
        page === 'wall'
          ? el('section', { 'data-section': section.key }, el('div', { class: 'notes' }))
          : el('section', { 'data-section': section.key }, el('h3')),
      );
    }
    let form: FakeNode | undefined;
    if (page === 'join') {
      form = el(
        'form',
        { id: 'note-form' },
        el('select', { id: 'section' }),
        el('p', { id: 'prompt' }),
        el('textarea', { id: 'text' }),
        el('input', { id: 'authorName' }),
        el('input', { id: 'group' }),
      );
      body.appendChild(form);
    }
    const document = {
      body,
      createElement: (tag: string) => el(tag),
      createTextNode: (text: string) => {
        const node = el('#text');
        node.textContent = text;
        return node;
      },
      getElementById: (id: string) => body.querySelector(`[id="${id}"]`),
      querySelector: (selector: string) => body.querySelector(selector),
    };
    class FakeEventSource {
      private readonly handlers = new Map<string, Array<(event: { type: string; data: string }) => void>>();
      constructor(url: string) {
        const abort = new AbortController();
        aborts.push(abort);
        void this.read(url, abort.signal);
      }
      addEventListener(type: string, handler: (event: { type: string; data: string }) => void) {
        this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
      }
      private async read(url: string, signal: AbortSignal) {
        const response = await fetch(base + url, { signal });
        let buffer = '';
        try {
          for await (const chunk of response.body!) {
            buffer += Buffer.from(chunk).toString('utf8');
            let at: number;
            while ((at = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, at);
              buffer = buffer.slice(at + 2);
              const type = /^event: (.*)$/m.exec(block)?.[1];
              const payload = /^data: (.*)$/m.exec(block)?.[1];
              if (type && payload) for (const h of this.handlers.get(type) ?? []) h({ type, data: payload });
            }
          }
        } catch {
          // closed at the end of the test
        }
      }
    }
    const cookies: string[] = [];
    const pageFetch = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(base + url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie: cookies.join('; ') },
      });
      for (const cookie of response.headers.getSetCookie()) cookies.push(cookie.split(';')[0]);
      return response;
    };
    runInNewContext(script, {
      document,
      window: { EventSource: FakeEventSource },
      EventSource: FakeEventSource,
      fetch: pageFetch,
      CSS: { escape: (value: string) => value },
      Map,
      JSON,
      Array,
      String,
      Error,
    });
    return { body, form, document };
  }

  const noteTexts = (section: FakeNode | null) =>
    (section?.all() ?? []).filter((n) => n.className === 'note').map((n) => n.textContent);

  it('the wall shows existing notes, then new, moved, hidden and merged ones live, HTML as text', async () => {
    const phone = newParticipant(t);
    const first = await postNote(phone, ctx.canvas.joinCode, { text: 'Already there' });
    const { body } = await openPage('wall');
    const values = () => body.querySelector('[data-section="values"]');
    const actions = () => body.querySelector('[data-section="actions"]');
    await waitUntil(() => noteTexts(values()).some((text) => text.includes('Already there')), 'existing note');

    const nasty = await postNote(phone, ctx.canvas.joinCode, { text: '<img src=x onerror=alert(1)>' });
    await waitUntil(() => noteTexts(values()).some((text) => text.includes('<img src=x')), 'live note');
    await phone.post(`/api/canvases/join/${ctx.canvas.joinCode}/notes/${first.id}/dots`).expect(201);
    await waitUntil(() => noteTexts(values()).some((text) => /Already there.*1 ●/.test(text)), 'dot count');

    const patch = (id: string, change: Record<string, unknown>) =>
      t.http.patch(`/api/canvases/${ctx.canvas.id}/notes/${id}`).set(ctx.facilitator.auth).send(change).expect(200);
    await patch(first.id, { section: 'actions', cluster: 'Next steps' });
    await waitUntil(() => noteTexts(actions()).some((text) => text.includes('Already there')), 'moved note');
    expect(
      actions()!
        .all()
        .some((n) => n.className === 'cluster' && n.textContent === 'Next steps'),
    ).toBe(true);
    await patch(nasty.id, { hidden: true });
    await waitUntil(() => !noteTexts(values()).some((text) => text.includes('<img')), 'hidden note gone');

    const dupe = await postNote(phone, ctx.canvas.joinCode, { section: 'actions', text: 'already there!' });
    await waitUntil(() => noteTexts(actions()).length === 2, 'duplicate shown');
    await patch(dupe.id, { mergedInto: first.id });
    await waitUntil(() => noteTexts(actions()).length === 1, 'merged away');

    await t.http.post(`/api/canvases/${ctx.canvas.id}/close`).set(ctx.facilitator.auth).expect(200);
    await waitUntil(() => body.querySelector('[id="closed"]')!.hidden === false, 'closed banner');
  });

  it('the phone page posts a note and dot-votes', async () => {
    const { body, form } = await openPage('join');
    const byId = (id: string) => body.querySelector(`[id="${id}"]`)!;
    byId('section').value = 'actions';
    byId('text').value = '  Start a reading circle  ';
    byId('group').value = 'Table 4';
    let prevented = false;
    form!.dispatch('submit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await waitUntil(() => byId('status').textContent === 'Posted. Thank you!', 'posted');
    const [note] = await t.db.query('SELECT id, text, section_key, group_name FROM canvas_notes WHERE canvas_id = $1', [
      ctx.canvas.id,
    ]);
    expect(note).toMatchObject({ text: 'Start a reading circle', section_key: 'actions', group_name: 'Table 4' });

    const section = body.querySelector('[data-section="actions"]')!;
    await waitUntil(() => noteTexts(section).some((text) => text.includes('reading circle')), 'own note listed');
    const dotButton = section.all().find((n) => n.className === 'dot')!;
    dotButton.dispatch('click');
    await waitUntil(() => byId('dots-left').textContent === `${ctx.canvas.dotsPerPerson - 1} dots left`, 'dot counted');

    // Too long a note: the API's message is shown to the person.
    byId('text').value = 'x'.repeat(501);
    form!.dispatch('submit', { preventDefault: () => undefined });
    await waitUntil(() => byId('status').textContent.includes('1 to 500 characters'), 'error shown');
  });
});
