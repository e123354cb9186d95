import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies.module.js';
import { AgencyPagesController } from './agency-pages.controller.js';
import { AuthModule } from '../../identity/auth.module.js';

/** The agencies' staff pages. */
@Module({ imports: [AuthModule, AgenciesModule], controllers: [AgencyPagesController] })
export class AgencyPagesModule {}
