import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AgenciesService } from '../../agencies/agencies.service.js';
import { NetworkOrganiser } from '../../agencies/network-organiser.guard.js';
import type { AuthUser } from '../../identity/auth-user.js';
import { CurrentUser } from '../../identity/decorators/auth.decorators.js';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Flash } from '../../platform/web/flash.js';
import { blankForm, formValues, formWithErrors, type FormView, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import { ResendLinkDto } from '../../registrations/dto/create-registration.dto.js';
import { LinkOfficersService } from '../link-officers.service.js';

const officersPath = (agencyId: string) => `/staff/agencies/${agencyId}/link-officers`;

/**
 * The organisers' list of an agency's link officers: name one more (they are emailed how to
 * sign in) or end someone's role. An agency has one or more; its officers hand the role on
 * themselves too.
 */
@Pages({ csrf: true })
@Controller('staff/agencies/:agencyId/link-officers')
export class AgencyOfficersPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly officers: LinkOfficersService,
    private readonly agencies: AgenciesService,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get()
  @NetworkOrganiser()
  async page(
    @UuidParam('agencyId') agencyId: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.show(reply, user, agencyId, blankForm());
  }

  @Post()
  @HttpCode(200)
  @NetworkOrganiser()
  async appoint(
    @UuidParam('agencyId') agencyId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const agency = await this.agencies.get(agencyId);
    const values = formValues(body, ['email']);
    const input = await validateAs(ResendLinkDto, values);
    if (!input.ok) {
      const m = this.renderer.messages.linkOfficers;
      const form = formWithErrors(values, input.errors, m.fields, ['email'], m.fields.email.default);
      return this.show(reply, user, agencyId, form, 400);
    }
    await this.officers.appoint(agency, input.value.email);
    return this.flash.redirect(reply, officersPath(agencyId), 'linkOfficerAppointed');
  }

  @Post('remove')
  @NetworkOrganiser()
  async dismiss(
    @UuidParam('agencyId') agencyId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    await this.agencies.get(agencyId);
    const { email } = formValues(body, ['email']);
    if (email) await this.officers.dismiss(agencyId, email);
    return this.flash.redirect(reply, officersPath(agencyId), 'linkOfficerDismissed');
  }

  private async show(
    reply: FastifyReply,
    user: AuthUser,
    agencyId: string,
    form: FormView,
    status?: number,
  ): Promise<FastifyReply> {
    const [agency, officers] = await Promise.all([this.agencies.get(agencyId), this.officers.officers(agencyId)]);
    return this.views.send(
      reply,
      'agency-officers',
      { agency, officers, form, base: officersPath(agencyId) },
      { title: (m) => m.linkOfficers.staff.title(agency.name), staff: user, status },
    );
  }
}
