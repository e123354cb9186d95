import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../platform/http/pagination.js';
import { NOTIFICATION_STATUSES, type Notification, type NotificationStatus } from '../notification.entity.js';

export class NotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;
}

export class NotificationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ description: 'Visible to the event organisers only' }) recipient!: string;
  @ApiProperty() sendAt!: string;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status!: NotificationStatus;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional() sentAt?: string;
}

export class NotificationsPage {
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'How many of the event’s emails are in each status' }) counts!: Record<
    NotificationStatus,
    number
  >;
  @ApiPropertyOptional({ description: 'The most recent delivery error, if any' }) lastError?: string;
}

export const toNotificationResponse = (n: Notification): NotificationResponse => ({
  id: n.id,
  kind: n.kind,
  recipient: n.recipient,
  sendAt: n.sendAt.toISOString(),
  status: n.status,
  attempts: n.attempts,
  ...(n.lastError ? { lastError: n.lastError } : {}),
  ...(n.sentAt ? { sentAt: n.sentAt.toISOString() } : {}),
});
