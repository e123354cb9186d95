import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { LowerCaseTrim, SingleLine } from '../../../platform/http/single-line.js';

export class CreateUserDto {
  @ApiProperty({ example: 'organiser@network.org' })
  @LowerCaseTrim()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Sam Organiser' })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ minLength: 12, maxLength: 200 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}
