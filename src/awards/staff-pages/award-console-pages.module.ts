import { Module } from '@nestjs/common';
import { EventsModule } from '../../events/events.module.js';
import { AwardsModule } from '../awards.module.js';
import { AwardConsoleAssetsController, AwardConsolePagesController } from './award-console-pages.controller.js';
import { AuthModule } from '../../identity/auth.module.js';

/** The organisers' award console. */
@Module({
  imports: [AuthModule, AwardsModule, EventsModule],
  controllers: [AwardConsolePagesController, AwardConsoleAssetsController],
})
export class AwardConsolePagesModule {}
