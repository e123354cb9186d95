import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../platform/http/uuid-param.js';
import { Admin } from '../decorators/auth.decorators.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { toUserResponse, UserResponse } from './dto/user.response.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Creates a staff account (organisers, facilitators). */
  @Post()
  @Admin()
  @ApiOperation({ summary: 'Create a staff account (administrators).' })
  @ApiCreatedResponse({ type: UserResponse })
  async create(@Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.create(body));
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @Admin()
  @ApiOperation({ summary: 'The account can no longer sign in; its tokens and sessions end at once.' })
  @ApiOkResponse({ type: UserResponse })
  async deactivate(@UuidParam('userId') userId: string): Promise<UserResponse> {
    return toUserResponse(await this.users.setActive(userId, false));
  }

  @Post(':userId/reactivate')
  @HttpCode(200)
  @Admin()
  @ApiOperation({ summary: 'The account may sign in again (tokens from before stay ended).' })
  @ApiOkResponse({ type: UserResponse })
  async reactivate(@UuidParam('userId') userId: string): Promise<UserResponse> {
    return toUserResponse(await this.users.setActive(userId, true));
  }
}
