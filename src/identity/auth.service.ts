import { Injectable, UnauthorizedException } from '@nestjs/common';
import { UsersService } from './users/users.service.js';
import { PasswordHasher } from './password-hasher.js';
import { StaffJwt } from './staff-jwt.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: StaffJwt,
  ) {}

  /** One message for an unknown email and a wrong password, so neither can be probed. */
  async login(email: string, password: string): Promise<string> {
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) throw new UnauthorizedException('The email or password is not right.');
    return this.jwt.sign({ id: user.id, email: user.email, isAdmin: user.isAdmin });
  }
}
