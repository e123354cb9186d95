import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies.module.js';
import { AgencyPagesController } from './agency-pages.controller.js';

/** The agencies' staff pages. */
@Module({ imports: [AgenciesModule], controllers: [AgencyPagesController] })
export class AgencyPagesModule {}
