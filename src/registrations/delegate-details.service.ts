import { Injectable } from '@nestjs/common';
import { DelegateDetailsRepository } from './delegate-details.repository.js';
import type { MyDetailsDto } from './dto/my-details.dto.js';
import type { Registration } from './registration.entity.js';
import { registrationsError, RegistrationsError } from './registrations.errors.js';

/**
 * A delegate changing their own name, organisation, job title and needs. The email stays (it
 * is where the personal link goes); where the event holds places per organisation, the
 * organisation decides whose share a place comes from, so only the organisers change it.
 */
@Injectable()
export class DelegateDetailsService {
  constructor(private readonly details: DelegateDetailsRepository) {}

  /** Whether this delegate may change their organisation themselves. */
  async mayChangeOrganisation(delegate: Registration): Promise<boolean> {
    return !(await this.details.organisationCapped(delegate.eventId));
  }

  async change(delegate: Registration, input: MyDetailsDto): Promise<void> {
    const organisation = input.organisation ?? null;
    if (organisation !== delegate.organisation && !(await this.mayChangeOrganisation(delegate))) {
      throw registrationsError(
        RegistrationsError.OrganisationFixed,
        'Your organisation counts towards its share of places, so ask the organisers to change it.',
      );
    }
    const changed = await this.details.update(delegate.id, {
      name: input.name,
      organisation,
      jobTitle: input.jobTitle ?? null,
      accessNeeds: input.accessNeeds ?? null,
      dietaryNeeds: input.dietaryNeeds ?? null,
    });
    if (!changed) {
      throw registrationsError(
        RegistrationsError.RegistrationCancelled,
        'Your registration is cancelled, so its details can no longer change.',
      );
    }
  }
}
