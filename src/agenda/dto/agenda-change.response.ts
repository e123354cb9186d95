import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_KINDS, type AgendaChange, type ChangeKind, type SessionValues } from '../agenda-change.entity.js';

export class AgendaChangeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ description: 'The session title when the change was made.' }) sessionTitle!: string;
  @ApiProperty({ enum: CHANGE_KINDS, isArray: true }) kinds!: ChangeKind[];
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'Changed fields before (null when added).' })
  old!: SessionValues | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'Changed fields after (null when removed).' })
  new!: SessionValues | null;
  @ApiProperty() changedAt!: string;
}

export class AgendaChangePageResponse {
  @ApiProperty({ type: [AgendaChangeResponse] }) items!: AgendaChangeResponse[];
  @ApiProperty() total!: number;
}

export const toAgendaChangeResponse = (change: AgendaChange): AgendaChangeResponse => ({
  id: change.id,
  sessionId: change.sessionId,
  sessionTitle: change.sessionTitle,
  kinds: change.kinds,
  old: change.oldValues,
  new: change.newValues,
  changedAt: change.createdAt.toISOString(),
});
