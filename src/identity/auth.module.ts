import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventMember } from './event-member.entity.js';
import { User } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginAlert } from './login-alert.js';
import { LoginThrottle } from './login-throttle.js';
import { EventAccessService } from './event-access.service.js';
import { EventMembersRepository } from './event-members.repository.js';
import { AdminGuard } from './guards/admin.guard.js';
import { EventRoleGuard } from './guards/event-role.guard.js';
import { StaffGuard } from './guards/staff.guard.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffActor } from './staff-actor.js';
import { StaffPagesController } from './pages/staff-pages.controller.js';
import { StaffSessionCookie } from './sessions/staff-session-cookie.js';
import { StaffSessionsRepository } from './sessions/staff-sessions.repository.js';
import { StaffSessions } from './sessions/staff-sessions.js';
import { StaffAuthenticator } from './staff-authenticator.js';
import { StaffJwt } from './staff-jwt.js';
import { NotificationsModule } from '../outbox/notifications.module.js';

const GUARDS = [StaffGuard, AdminGuard, EventRoleGuard];

/** Staff accounts, logins and the staff guards; a module whose routes are guarded imports it. */
@Module({
  imports: [NotificationsModule, JwtModule.register({}), TypeOrmModule.forFeature([User, EventMember])],
  controllers: [AuthController, UsersController, StaffPagesController],
  providers: [
    PasswordHasher,
    StaffJwt,
    StaffAuthenticator,
    StaffActor,
    StaffSessions,
    StaffSessionsRepository,
    StaffSessionCookie,
    AuthService,
    LoginThrottle,
    LoginAlert,
    UsersRepository,
    UsersService,
    EventMembersRepository,
    EventAccessService,
    ...GUARDS,
  ],
  exports: [
    PasswordHasher,
    StaffJwt,
    StaffAuthenticator,
    UsersService,
    EventAccessService,
    EventMembersRepository,
    ...GUARDS,
  ],
})
export class AuthModule {}
