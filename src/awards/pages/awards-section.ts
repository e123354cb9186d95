import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { PersonalPageSections } from '../../registrations/pages/personal-page-sections.js';
import { AwardsRepository } from '../awards.repository.js';
import { Clock } from '../../platform/clock/clock.js';
import { awardsSectionView } from './award-page.view.js';

/** The awards part of the personal page: each award of the event, where it stands, and the way in. */
@Injectable()
export class AwardsSection implements OnModuleInit {
  private readonly views: PageViews;

  constructor(
    private readonly sections: PersonalPageSections,
    private readonly clock: Clock,
    private readonly repository: AwardsRepository,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  onModuleInit(): void {
    this.sections.register(20, async ({ delegate, me, base }) => {
      const awards = await this.repository.awardsForDelegate(delegate.eventId, delegate.id, delegate.agencyId);
      if (awards.length === 0) return undefined;
      const confirmed = me.status === 'confirmed';
      const items = awardsSectionView(
        awards,
        this.clock.now(),
        base,
        me.event.slug,
        me.event.timezone,
        confirmed,
        this.renderer.messages,
      );
      return this.views.part('awards-section', { items });
    });
  }
}
