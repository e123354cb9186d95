import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { LowerCaseTrim, SingleLine, Trim } from '../../platform/http/single-line.js';
import { WebAddress } from '../../platform/http/web-address.js';

const nullable = () => ValidateIf((_, value) => value !== null);

export class CreateSpeakerDto {
  @ApiProperty({ example: 'Dr Ada Lovelace', maxLength: 200 })
  @SingleLine()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @IsOptional()
  @nullable()
  @Trim()
  @IsString()
  @MaxLength(5000)
  bio?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @nullable()
  @SingleLine()
  @IsString()
  @MaxLength(200)
  organisation?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @nullable()
  @SingleLine()
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({
    description: 'Private: used to tell the speaker when their slot changes; never shown publicly.',
    nullable: true,
  })
  @IsOptional()
  @nullable()
  @LowerCaseTrim()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uri', example: 'https://example.org/ada.jpg', nullable: true })
  @IsOptional()
  @nullable()
  @WebAddress('photoUrl must be an http(s) URL')
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'photoUrl must be an http(s) URL' })
  @MaxLength(2000)
  photoUrl?: string | null;
}

export class UpdateSpeakerDto extends PartialType(CreateSpeakerDto) {}
