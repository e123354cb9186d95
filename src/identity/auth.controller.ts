import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { bearerClaim } from '../platform/http/actor-verifiers.js';
import { RateLimit } from '../platform/http/rate-limit.js';
import { toUserResponse, UserResponse } from './users/dto/user.response.js';
import { UsersService } from './users/users.service.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Staff } from './decorators/auth.decorators.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { LoginDto, LoginResponse } from './dto/login.dto.js';
import { LOGIN_RATE_LIMIT } from './login-rate.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @RateLimit(LOGIN_RATE_LIMIT)
  @ApiOperation({ summary: 'Sign in with a staff account: a bearer token for the API.' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; wait and try again.' })
  async login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return { accessToken: await this.auth.login(body.email, body.password, ip) };
  }

  @Get('me')
  @Staff()
  @ApiOperation({ summary: 'The signed-in staff account.' })
  @ApiOkResponse({ type: UserResponse })
  async me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return toUserResponse(await this.users.get(user.id));
  }

  @Post('sign-out')
  @HttpCode(204)
  @Staff()
  @ApiOperation({ summary: "Ends every token and browser session of the caller's account." })
  async signOut(@CurrentUser() user: AuthUser): Promise<void> {
    await this.users.endSessions(user.id);
  }

  @Post('password')
  @HttpCode(200)
  @Staff()
  // Guessing the current password with a token left behind is throttled like a login.
  @RateLimit({
    bucket: 'password',
    limit: (config) => config.rateLimitLogin,
    windowMs: 60_000,
    actor: bearerClaim,
  })
  @ApiOperation({
    summary: "Change one's password (needs the current one); every older token ends, a new one is returned.",
  })
  @ApiOkResponse({ type: LoginResponse, description: 'A new token; every other one has ended.' })
  async changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<LoginResponse> {
    return { accessToken: await this.auth.changePassword(user.id, body.currentPassword, body.newPassword) };
  }
}
