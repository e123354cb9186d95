import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  async create(@Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.create(body));
  }
}
