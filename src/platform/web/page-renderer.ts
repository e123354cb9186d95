/**
 * The shared page renderer: every feature's page controller draws its pages through it, so
 * they all share one layout (header with the event, <main>, footer with the privacy notice),
 * one stylesheet, the form partials, flash messages and the message catalogue.
 *
 * How a page controller uses it:
 *
 *   @Pages()                                   // from ./pages.decorators: HTML errors, Origin check on POST
 *   @Controller('events/:slug/register')
 *   export class RegisterPagesController {
 *     private readonly views: PageViews;
 *     constructor(renderer: PageRenderer, private readonly flash: Flash) {
 *       this.views = renderer.views(new URL('./', import.meta.url));   // the .eta files beside the controller
 *     }
 *     @Get() show(@Res() reply: FastifyReply) {
 *       return this.views.send(reply, 'register', { form: blankForm() }, { title: (m) => m.register.title, event });
 *     }
 *     @Post() async submit(@Body() body: unknown, @Res() reply: FastifyReply) {
 *       … on errors: this.views.send(reply, 'register', { form }, { …, status: 400 })
 *       … on success: this.flash.redirect(reply, '/somewhere', 'detailsSaved')
 *     }
 *   }
 *
 * A template `name.eta` is the page's content only (inside <main>); it gets the model as
 * `it` plus `it.m`, the message catalogue — every word comes from there. It may include the
 * shared partials: `@errorSummary` ({ form, m }), `@field` ({ form, name, label, hint?, type?,
 * autocomplete?, required?, rows? }), `@checkbox` ({ form, name, label, hint?, value? }),
 * `@paging` ({ m, pager, label }: a paged list's previous/next links, from pager.ts).
 * `personal: true` marks a page that belongs to one delegate (the /r/<token> pages): it is
 * never stored (no-store), never indexed (noindex) and sends no Referer onwards.
 * The rendered view models stay in the controller's own folder as functions, unit tested.
 */
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ASSETS, type AssetName } from './assets.js';
import { csrfToken } from './csrf.js';
import { Flash } from './flash.js';
import { enGB, type Messages } from './messages.en-GB.js';

/** The event a page belongs to, as the header shows it. */
export interface LayoutEvent {
  title: string;
  href: string;
  /** Already formatted for the locale, e.g. "Thursday 4 June 2026". */
  dates?: string;
  venue?: string;
}

export interface PageLayout {
  /** The page's own name in the <title> (before the event's), from the catalogue. */
  title: string | ((m: Messages) => string);
  event?: LayoutEvent;
  /** One delegate's page: no-store, noindex, no Referer. */
  personal?: boolean;
  status?: number;
  /** Default `no-store`: pages show forms and flash messages. */
  cacheControl?: string;
  /** Scripts beyond site.js (same origin; the CSP allows nothing else). */
  scripts?: Array<AssetName | `/${string}`>;
  /** `<link rel="alternate">`s, e.g. the agenda's calendar. */
  alternates?: Array<{ href: string; type: string; title: string }>;
  /** `data-*` attributes on <body> for a page's script. */
  bodyData?: Record<string, string>;
  /** Full width (the canvas wall on a room's screen). */
  wide?: boolean;
  /**
   * A staff page: the header shows who is signed in, the staff links and a sign-out button.
   * Implies `csrf`.
   */
  staff?: { email: string };
  /** The page has forms behind CsrfGuard: the template gets the token as `it.csrf`. */
  csrf?: boolean;
}

const WEB_FOLDER = fileURLToPath(new URL('./', import.meta.url));
const PARTIALS = ['errorSummary', 'field', 'checkbox', 'paging'] as const;
const partial = (name: string) => readFileSync(new URL(`./partials/${name}.eta`, import.meta.url), 'utf8');

const PERSONAL_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' };

/** A feature's templates bound to the shared layout. */
export class PageViews {
  constructor(
    private readonly eta: Eta,
    private readonly shared: Eta,
    private readonly messages: Messages,
    private readonly flash: Flash,
  ) {}

  /**
   * A template's HTML without the layout: a part of a page another feature draws (a section
   * of the personal page that awards or canvas contribute).
   */
  part(view: string, model: object): string {
    return this.eta.render(`./${view}`, { ...model, m: this.messages });
  }

  /** The whole page as HTML (for a caller that caches it, like the agenda). */
  render(view: string, model: object, layout: PageLayout, flashText?: string, csrf?: string): string {
    const m = this.messages;
    const body = this.eta.render(`./${view}`, { ...model, m });
    const scripts = (layout.scripts ?? []).map((s) => (s.startsWith('/') ? s : ASSETS[s as AssetName].url));
    return this.shared.render('./layout', {
      m,
      body,
      flash: flashText,
      csrf,
      layout: { ...layout, title: typeof layout.title === 'function' ? layout.title(m) : layout.title, scripts },
      assets: { css: ASSETS['site.css'].url, js: ASSETS['site.js'].url },
    });
  }

  /** Renders and sends a page, with the waiting flash message (if any) shown once. */
  send(reply: FastifyReply, view: string, model: object, layout: PageLayout): FastifyReply {
    const key = this.flash.take(reply.request, reply);
    const csrf = layout.staff || layout.csrf ? csrfToken(reply) : undefined;
    const html = this.render(
      view,
      { ...model, csrf },
      { ...layout, csrf: csrf !== undefined },
      key ? this.messages.flash[key] : undefined,
      csrf,
    );
    return this.sendHtml(reply, html, layout);
  }

  /**
   * Sends a page already rendered (one a controller keeps for everyone, like a blank form
   * without a CSRF field), with its layout's headers.
   */
  sendHtml(
    reply: FastifyReply,
    html: string | Buffer,
    layout: Pick<PageLayout, 'personal' | 'cacheControl' | 'status'>,
  ): FastifyReply {
    if (layout.personal) void reply.headers(PERSONAL_HEADERS);
    else void reply.header('cache-control', layout.cacheControl ?? 'no-store');
    return reply
      .code(layout.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(html);
  }
}

@Injectable()
export class PageRenderer {
  readonly messages: Messages = enGB;

  /** The layout (and the platform's own pages: privacy, errors). */
  private readonly shared = PageRenderer.eta(WEB_FOLDER);

  constructor(private readonly flash: Flash) {}

  private platformViews?: PageViews;

  /** The platform's own pages (privacy notice, error pages) in src/platform/web. */
  get platform(): PageViews {
    this.platformViews ??= new PageViews(this.shared, this.shared, this.messages, this.flash);
    return this.platformViews;
  }

  private static eta(folder: string): Eta {
    const eta = new Eta({ views: folder, autoEscape: true, cache: true, defaultExtension: '.eta' });
    for (const name of PARTIALS) eta.loadTemplate(`@${name}`, partial(name));
    return eta;
  }

  /** The templates in `folder` (a feature's pages folder, `new URL('./', import.meta.url)`). */
  views(folder: URL | string): PageViews {
    const eta = PageRenderer.eta(typeof folder === 'string' ? folder : fileURLToPath(folder));
    return new PageViews(eta, this.shared, this.messages, this.flash);
  }
}
