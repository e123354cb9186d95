import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Messages } from '../../platform/web/messages.en-GB.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { PersonalPageSections } from '../../registrations/pages/personal-page-sections.js';
import type { Canvas } from '../canvas.entity.js';
import { CanvasesService } from '../canvases.service.js';

/** Each canvas of the delegate's workshops, opened through their personal link (so they post as themselves). */
export function canvasesSectionView(canvases: readonly Canvas[], base: string, m: Messages) {
  return canvases.map((canvas) => ({
    title: canvas.title,
    href: `${base}/canvases/${encodeURIComponent(canvas.joinCode)}`,
    label: m.myCanvases.open(canvas.title),
    closed: canvas.status !== 'open',
  }));
}

/** The canvases part of the personal page: the canvases of the workshops where the delegate has a place. */
@Injectable()
export class CanvasesSection implements OnModuleInit {
  private readonly views: PageViews;

  constructor(
    private readonly sections: PersonalPageSections,
    private readonly canvases: CanvasesService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  onModuleInit(): void {
    this.sections.register(10, async ({ delegate, me, base }) => {
      if (me.status !== 'confirmed') return undefined;
      const placed = me.workshops.filter((w) => w.status === 'confirmed').map((w) => w.sessionId);
      const canvases = await this.canvases.forSessions(delegate.eventId, placed);
      if (canvases.length === 0) return undefined;
      return this.views.part('canvases-section', {
        items: canvasesSectionView(canvases, base, this.renderer.messages),
      });
    });
  }
}
