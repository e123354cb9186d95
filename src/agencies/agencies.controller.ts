import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AgenciesService } from './agencies.service.js';

export class AgencyChoiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) aliases!: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) region!: string | null;
}

/** The network's active agencies, for registering (the link officer's address is not public). */
@ApiTags('agencies')
@Controller('api/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @ApiOperation({ summary: 'The network’s active member agencies, to choose from when registering.' })
  @ApiOkResponse({ type: [AgencyChoiceResponse] })
  async list(): Promise<AgencyChoiceResponse[]> {
    return (await this.agencies.list({ activeOnly: true })).map(({ id, name, aliases, region }) => ({
      id,
      name,
      aliases,
      region,
    }));
  }
}
