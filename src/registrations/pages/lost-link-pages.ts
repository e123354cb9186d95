import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Event } from '../../events/event.entity.js';
import { EventsService } from '../../events/events.service.js';
import { blankForm, type FormView } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';

/** The events a lost-link form offers when the address does not say which one (a few at most in practice). */
const EVENTS_OFFERED = 50;

export const LOST_LINK_FIELDS = ['event', 'email'] as const;

/** What the lost-link form partial needs. */
export interface LostLinkFormView {
  form: FormView;
  postTo: string;
  /** One event: a hidden field. Several: a choice. */
  events: Array<{ slug: string; title: string }>;
}

/**
 * The lost-link form wherever a delegate may need it: its own page, and the friendly 404 of a
 * personal link that does not work (which cannot tell the event, so it offers the open ones).
 */
@Injectable()
export class LostLinkPages {
  private readonly views: PageViews;

  constructor(
    private readonly events: EventsService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  /** The published events, for the form that does not know its event. */
  async openEvents(): Promise<Array<Pick<Event, 'slug' | 'title'>>> {
    const page = await this.events.list(undefined, { limit: EVENTS_OFFERED, offset: 0 });
    return page.items.filter((event) => event.status === 'published');
  }

  async formFor(form: FormView = blankForm()): Promise<LostLinkFormView> {
    const events = (await this.openEvents()).map(({ slug, title }) => ({ slug, title }));
    return { form, postTo: '/link', events };
  }

  /** A personal link that does not work: 404, with the lost-link form. */
  async linkNotValid(reply: FastifyReply, form?: FormView, status = 404): Promise<FastifyReply> {
    const m = this.renderer.messages;
    return this.views.send(reply, 'link-not-valid', await this.formFor(form), {
      title: m.personal.linkNotValidTitle,
      personal: true,
      status,
    });
  }

  /** An event address with no published event behind it. */
  eventNotFound(reply: FastifyReply): FastifyReply {
    const m = this.renderer.messages;
    return this.renderer.platform.send(
      reply,
      'error',
      { title: m.errors.notFoundTitle, message: m.agenda.notFound },
      { title: m.errors.notFoundTitle, status: 404 },
    );
  }
}
