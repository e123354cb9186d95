import { Injectable, type OnModuleInit } from '@nestjs/common';
import { clockTime, shortDateTime } from '../../platform/web/dates.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { PersonalPageSections } from '../../registrations/pages/personal-page-sections.js';
import { AttendanceService } from '../attendance.service.js';
import { FeedbackService } from '../feedback.service.js';
import { ReflectionsService } from '../reflections.service.js';

/** The CPD part of the personal page: the sessions attended with their hours and the delegate's reflections, the way to check in to one, and feedback. */
@Injectable()
export class CpdSection implements OnModuleInit {
  private readonly views: PageViews;

  constructor(
    private readonly sections: PersonalPageSections,
    private readonly attendance: AttendanceService,
    private readonly feedback: FeedbackService,
    private readonly reflections: ReflectionsService,
    private readonly renderer: PageRenderer,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  onModuleInit(): void {
    this.sections.register(30, async ({ delegate, me, base }) => {
      if (me.status !== 'confirmed') return undefined;
      const m = this.renderer.messages;
      const zone = me.event.timezone;
      const [record, forms, reflections] = await Promise.all([
        this.attendance.record(delegate.id),
        this.feedback.forms(delegate),
        this.reflections.bySession(delegate.id),
      ]);
      return this.views.part('cpd-section', {
        sessions: record.sessions.map((session) => ({
          title: session.title,
          when: `${shortDateTime(session.startsAt, zone, m.locale)}–${clockTime(session.endsAt, zone, m.locale)}`,
          hours: m.evidence.hours(session.cpdMinutes),
          reflectHref: `${base}/reflections/${session.id}`,
          reflectLabel: reflections.has(session.id)
            ? m.evidence.editReflection(session.title)
            : m.evidence.writeReflection(session.title),
        })),
        total: m.evidence.cpdTotal(m.evidence.hours(record.totalMinutes)),
        attendHref: `${base}/attend`,
        certificateHref: `${base}/certificate.pdf`,
        feedbackHref: forms.some((form) => form.state === 'open') ? `${base}/feedback` : undefined,
      });
    });
  }
}
