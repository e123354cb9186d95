import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';

/** Evidence of learning: attendance per session and its CPD hours. */
@Module({
  imports: [RegistrationsModule],
  providers: [AttendanceRepository, AttendanceService],
  exports: [AttendanceService],
})
export class EvidenceModule {}
