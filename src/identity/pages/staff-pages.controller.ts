import { Body, Controller, Get, HttpCode, Ip, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors/domain-error.js';
import { bearerClaim, cookieClaim, firstClaim } from '../../platform/http/actor-verifiers.js';
import { RateLimit, RetryLaterException } from '../../platform/http/rate-limit.js';
import { Flash } from '../../platform/web/flash.js';
import { addError, blankForm, formValues, formWithErrors, validateAs } from '../../platform/web/form.js';
import { PageRenderer, type PageViews } from '../../platform/web/page-renderer.js';
import { Pages } from '../../platform/web/pages.decorators.js';
import type { AuthUser } from '../auth-user.js';
import { AuthService } from '../auth.service.js';
import { CurrentUser, Staff } from '../decorators/auth.decorators.js';
import { ChangePasswordDto } from '../dto/change-password.dto.js';
import { LoginDto } from '../dto/login.dto.js';
import { LOGIN_RATE_LIMIT } from '../login-rate.js';
import { STAFF_SESSION_ACTOR, STAFF_SESSION_COOKIE, StaffSessionCookie } from '../sessions/staff-session-cookie.js';
import { StaffSessions } from '../sessions/staff-sessions.js';
import { UsersError } from '../users/users.errors.js';
import { UsersService } from '../users/users.service.js';

/** Where a browser lands once signed in: the events page (the events module's). */
export const STAFF_HOME = '/staff';

const SIGN_IN_FIELDS = ['email', 'password'] as const;
const PASSWORD_FIELDS = ['currentPassword', 'newPassword'] as const;

/** Password guesses with a session left open are throttled like sign-ins, per account. */
const staffOnPage = firstClaim(
  bearerClaim,
  cookieClaim(STAFF_SESSION_ACTOR, STAFF_SESSION_COOKIE.secure),
  cookieClaim(STAFF_SESSION_ACTOR, STAFF_SESSION_COOKIE.plain),
);

/**
 * Staff sign-in in the browser: the same accounts, password check and throttling as the
 * API's login, then a server-side session in an HttpOnly cookie. Every form carries a CSRF token.
 */
@Pages({ csrf: true })
@Controller('staff')
export class StaffPagesController {
  private readonly views: PageViews;

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: StaffSessions,
    private readonly cookie: StaffSessionCookie,
    private readonly renderer: PageRenderer,
    private readonly flash: Flash,
  ) {
    this.views = renderer.views(new URL('./', import.meta.url));
  }

  @Get('sign-in')
  signInPage(@Res() reply: FastifyReply): FastifyReply {
    return this.signInForm(reply, blankForm());
  }

  @Post('sign-in')
  @HttpCode(200)
  @RateLimit(LOGIN_RATE_LIMIT)
  async signIn(
    @Body() body: unknown,
    @Ip() ip: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages.staff.signIn;
    const values = formValues(body, SIGN_IN_FIELDS);
    const shown = { email: values.email ?? '' };
    const input = await validateAs(LoginDto, values);
    if (!input.ok)
      return this.signInForm(reply, formWithErrors(shown, input.errors, m.fields, SIGN_IN_FIELDS, m.refused), 400);
    try {
      const user = await this.auth.verifyCredentials(input.value.email, input.value.password, ip);
      // A new session each sign-in (never one a stranger planted), and this browser's old one ends.
      await this.sessions.end(this.cookie.read(request));
      this.cookie.set(reply, await this.sessions.start(user));
      return this.flash.redirect(reply, STAFF_HOME, 'signedIn');
    } catch (error) {
      if (error instanceof RetryLaterException) {
        void reply.header('retry-after', error.retryAfterSeconds);
        const form = addError(blankForm(shown), 'email', m.wait(Number(error.retryAfterSeconds)));
        return this.signInForm(reply, form, 429);
      }
      if (error instanceof UnauthorizedException)
        return this.signInForm(reply, addError(blankForm(shown), 'email', m.refused), 401);
      throw error;
    }
  }

  /** Ends this browser's session (other devices stay signed in; changing the password ends those). */
  @Post('sign-out')
  @Staff()
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.sessions.end(this.cookie.read(request));
    this.cookie.clear(reply);
    return this.flash.redirect(reply, '/staff/sign-in', 'signedOut');
  }

  @Get('password')
  @Staff()
  passwordPage(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): FastifyReply {
    return this.passwordForm(reply, user, blankForm());
  }

  @Post('password')
  @HttpCode(200)
  @Staff()
  @RateLimit({ bucket: 'password', limit: (config) => config.rateLimitLogin, windowMs: 60_000, actor: staffOnPage })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = this.renderer.messages.staff.password;
    const input = await validateAs(ChangePasswordDto, formValues(body, PASSWORD_FIELDS));
    // Passwords are never sent back into the page.
    if (!input.ok)
      return this.passwordForm(
        reply,
        user,
        formWithErrors({}, input.errors, m.fields, PASSWORD_FIELDS, m.fields.newPassword.default),
        400,
      );
    try {
      const account = await this.users.changePassword(user.id, input.value.currentPassword, input.value.newPassword);
      // Every session has ended with the old password; this browser carries on in a new one.
      this.cookie.set(reply, await this.sessions.start(account));
      return this.flash.redirect(reply, STAFF_HOME, 'passwordChanged');
    } catch (error) {
      if (error instanceof DomainError && error.code === UsersError.WrongCurrentPassword) {
        return this.passwordForm(reply, user, addError(blankForm(), 'currentPassword', m.wrongCurrent), 403);
      }
      throw error;
    }
  }

  private signInForm(reply: FastifyReply, form: ReturnType<typeof blankForm>, status = 200): FastifyReply {
    return this.views.send(reply, 'sign-in', { form }, { title: (m) => m.staff.signIn.title, csrf: true, status });
  }

  private passwordForm(
    reply: FastifyReply,
    user: AuthUser,
    form: ReturnType<typeof blankForm>,
    status = 200,
  ): FastifyReply {
    return this.views.send(reply, 'password', { form }, { title: (m) => m.staff.password.title, staff: user, status });
  }
}
