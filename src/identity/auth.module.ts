import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventMember } from '../events/event-member.entity.js';
import { Registration } from '../registrations/registration.entity.js';
import { User } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { DelegateResolver } from './delegate-resolver.js';
import { EventAccessService } from './event-access.service.js';
import { AdminGuard } from './guards/admin.guard.js';
import { DelegateTokenGuard } from './guards/delegate-token.guard.js';
import { DelegateGuard } from './guards/delegate.guard.js';
import { EventRoleGuard } from './guards/event-role.guard.js';
import { StaffGuard } from './guards/staff.guard.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffJwt } from './staff-jwt.js';

const GUARDS = [StaffGuard, AdminGuard, EventRoleGuard, DelegateGuard, DelegateTokenGuard];

/** Staff accounts, logins and the guards every feature module uses. Global so guards resolve anywhere. */
@Global()
@Module({
  imports: [JwtModule.register({}), TypeOrmModule.forFeature([User, EventMember, Registration])],
  controllers: [AuthController, UsersController],
  providers: [PasswordHasher, StaffJwt, AuthService, UsersService, EventAccessService, DelegateResolver, ...GUARDS],
  exports: [PasswordHasher, StaffJwt, UsersService, EventAccessService, DelegateResolver, ...GUARDS],
})
export class AuthModule {}
