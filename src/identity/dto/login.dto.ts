import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { LowerCaseTrim } from '../../platform/http/single-line.js';

export class LoginDto {
  @ApiProperty({ example: 'admin@plenary.local' })
  @LowerCaseTrim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'A JWT to send as "Authorization: Bearer …"' })
  accessToken!: string;
}
