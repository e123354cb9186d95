import { Injectable } from '@nestjs/common';
import type { MyRegistrationResponse } from '../dto/registration.response.js';
import type { Registration } from '../registration.entity.js';

/** What a section of the personal page is drawn from. */
export interface PersonalSectionContext {
  delegate: Registration;
  me: MyRegistrationResponse;
  /** The personal page's own address (/r/<token>), for the section's links and forms. */
  base: string;
}

/** A section's HTML (from its feature's own templates, PageViews.part), or undefined to show nothing. */
export type PersonalSection = (context: PersonalSectionContext) => Promise<string | undefined>;

/**
 * The personal page is the delegate's home for the event, and features further along the
 * floor plan (awards, canvas) have parts of it: they register their sections here at start-up,
 * since registrations cannot import them. Sections show in the order given.
 */
@Injectable()
export class PersonalPageSections {
  private readonly sections: Array<{ order: number; section: PersonalSection }> = [];

  register(order: number, section: PersonalSection): void {
    this.sections.push({ order, section });
    this.sections.sort((a, b) => a.order - b.order);
  }

  async render(context: PersonalSectionContext): Promise<string[]> {
    const parts = await Promise.all(this.sections.map(({ section }) => section(context)));
    return parts.filter((part): part is string => part !== undefined && part !== '');
  }
}
