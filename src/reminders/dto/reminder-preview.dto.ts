import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ReminderPreviewQuery {
  @ApiPropertyOptional({ description: 'The delegate to preview for; the first confirmed delegate when absent' })
  @IsOptional()
  @IsUUID()
  registrationId?: string;
}

export class ReminderPreviewResponse {
  @ApiProperty() to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty() html!: string;
  @ApiProperty({ type: [String] }) attachments!: string[];
}
