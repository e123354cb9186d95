import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgenciesService } from '../../agencies/agencies.service.js';
import { DelegatesRepository } from '../delegates.repository.js';
import { DelegatesService } from '../delegates.service.js';
import { registrationsError, RegistrationsError } from '../registrations.errors.js';
import { type AgencyPlaces, type AgencyPlacesRelease, AgencyPlacesRepository } from './agency-places.repository.js';

export interface AgencyPlacesOverview extends AgencyPlacesRelease {
  capacity: number;
  allocations: AgencyPlaces[];
  /** The seats nobody reserved: open to every delegate (before the release). */
  openSeats: number;
}

/**
 * An organiser's places per agency: set, change or remove an agency's places, and the date the
 * unused ones are released. Each change runs under the event's seat lock, so it never crosses a
 * registration deciding its seat; the reserved places must fit the event's capacity. After the
 * change, the waiting list is promoted into whatever it freed.
 */
@Injectable()
export class AgencyPlacesService {
  constructor(
    private readonly places: AgencyPlacesRepository,
    private readonly seats: DelegatesRepository,
    private readonly delegates: DelegatesService,
    private readonly agencies: AgenciesService,
  ) {}

  async overview(eventId: string): Promise<AgencyPlacesOverview> {
    const [allocations, release, event] = await Promise.all([
      this.places.list(eventId),
      this.places.release(eventId),
      this.seats.findEvent(eventId),
    ]);
    if (!event) throw registrationsError(RegistrationsError.EventNotFound, 'The event was not found.');
    const reserved = allocations.filter((a) => a.reserved).reduce((sum, a) => sum + a.places, 0);
    return { ...release, capacity: event.capacity, allocations, openSeats: Math.max(event.capacity - reserved, 0) };
  }

  async set(eventId: string, agencyId: string, places: number, reserved: boolean): Promise<void> {
    await this.agencies.get(agencyId);
    await this.change(eventId, async (manager, capacity) => {
      // Under the seat lock: a sum of the other reservations, not the per-agency counts of people.
      const reservedTotal = (await this.places.reservedExcept(manager, eventId, agencyId)) + (reserved ? places : 0);
      if (reservedTotal > capacity) {
        throw registrationsError(
          RegistrationsError.ReservedOverCapacity,
          `The reserved places would come to ${reservedTotal}, more than the event's ${capacity} seats.`,
        );
      }
      await this.places.upsert(manager, eventId, agencyId, places, reserved);
    });
  }

  async remove(eventId: string, agencyId: string): Promise<void> {
    await this.change(eventId, async (manager) => {
      await this.places.remove(manager, eventId, agencyId);
    });
  }

  async setReleaseAt(eventId: string, at: Date | null): Promise<void> {
    await this.change(eventId, (manager) => this.places.setReleaseAt(manager, eventId, at));
  }

  /** A change under the event's seat lock, refused once the places were released; then the free seats are filled. */
  private async change(
    eventId: string,
    work: (manager: EntityManager, capacity: number) => Promise<void>,
  ): Promise<void> {
    await this.seats.transaction(async (manager) => {
      const event = await this.seats.lockEventSeats(manager, eventId);
      if (!event) throw registrationsError(RegistrationsError.EventNotFound, 'The event was not found.');
      if ((await this.places.release(eventId, manager)).releasedAt) {
        throw registrationsError(
          RegistrationsError.AgencyPlacesReleased,
          'The agency places of this event were released already: every seat is open to all.',
        );
      }
      await work(manager, event.capacity);
    });
    await this.delegates.fillFreeSeats(eventId);
  }
}
