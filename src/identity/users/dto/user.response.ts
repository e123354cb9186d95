import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../user.entity.js';

export class UserResponse {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isAdmin!: boolean;
  @ApiProperty({ description: 'false once an administrator deactivated the account' }) active!: boolean;
  @ApiProperty() createdAt!: string;
}

export const toUserResponse = (user: User): UserResponse => ({
  id: user.id,
  email: user.email,
  name: user.name,
  isAdmin: user.isAdmin,
  active: user.active,
  createdAt: user.createdAt.toISOString(),
});
