import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { DateTime } from 'luxon';
import { fileURLToPath } from 'node:url';
import type { AgendaDocument } from '../agenda.view.js';

/** Server-rendered public pages; the template engine escapes every value unless told otherwise. */
@Injectable()
export class AgendaPageRenderer {
  private readonly eta = new Eta({
    views: fileURLToPath(new URL('./', import.meta.url)),
    autoEscape: true,
    cache: true,
  });

  render(doc: AgendaDocument, jsonUrl: string): string {
    const zone = doc.event.timezone;
    const start = DateTime.fromISO(doc.event.startsAt, { zone }).setLocale('en-GB');
    const end = DateTime.fromISO(doc.event.endsAt, { zone }).setLocale('en-GB');
    const dates = start.hasSame(end, 'day')
      ? start.toFormat('cccc d LLLL yyyy')
      : `${start.toFormat('d LLLL')} – ${end.toFormat('d LLLL yyyy')}`;
    return this.eta.render('./agenda.html.eta', { doc, dates, jsonUrl });
  }

  notFound(): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 1rem;"><h1>Not found</h1><p>There is no published agenda at this address.</p></body></html>`;
  }
}
