import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventRole } from '../identity/decorators/auth.decorators.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import {
  NotificationResponse,
  NotificationsPage,
  NotificationsQuery,
  toNotificationResponse,
} from '../outbox/dto/notifications.dto.js';
import { EventOutboxService } from '../outbox/event-outbox.service.js';

/** An event's outbox for its organisers. */
@ApiTags('outbox')
@Controller('api/events/:eventId')
export class EventOutboxController {
  constructor(private readonly outbox: EventOutboxService) {}

  /** The event's outbox: every email with its status, counts per status and the last error. */
  @Get('notifications')
  @EventRole('organiser')
  @ApiOperation({ summary: "The event's outbox: every email with its status, counts per status and the last error." })
  @ApiOkResponse({ type: NotificationsPage })
  notifications(@UuidParam('eventId') eventId: string, @Query() query: NotificationsQuery): Promise<NotificationsPage> {
    return this.outbox.list(eventId, query);
  }

  @Post('notifications/:notificationId/retry')
  @HttpCode(202)
  @EventRole('organiser')
  @ApiOperation({ summary: 'Send a failed email again.' })
  @ApiAcceptedResponse({ type: NotificationResponse })
  @ApiConflictResponse({ description: 'Only failed emails can be retried.' })
  async retry(
    @UuidParam('eventId') eventId: string,
    @UuidParam('notificationId') notificationId: string,
  ): Promise<NotificationResponse> {
    return toNotificationResponse(await this.outbox.retry(eventId, notificationId));
  }
}
