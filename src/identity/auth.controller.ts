import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { bodyField, RateLimit } from '../platform/http/rate-limit.js';
import { toUserResponse, UserResponse } from './users/dto/user.response.js';
import { UsersService } from './users/users.service.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Staff } from './decorators/auth.decorators.js';
import { LoginDto, LoginResponse } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @RateLimit({ bucket: 'login', limit: (config) => config.rateLimitLogin, windowMs: 60_000, key: bodyField('email') })
  async login(@Body() body: LoginDto): Promise<LoginResponse> {
    return { accessToken: await this.auth.login(body.email, body.password) };
  }

  @Get('me')
  @Staff()
  async me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return toUserResponse(await this.users.get(user.id));
  }
}
