import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Clock } from '../platform/clock/clock.js';
import { AwardsRepository } from './awards.repository.js';
import { BallotSeal } from './ballot-seal.js';

/** Fisher–Yates with the OS's randomness: the stored order must say nothing about the cast order. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The close of a vote: an award's sealed ballots are opened and join the counting table
 * together, in random order, once its voting has closed. Results read it first; the worker's
 * AwardClosePoller does it for awards nobody has looked at.
 */
@Injectable()
export class BallotRelease {
  constructor(
    private readonly repository: AwardsRepository,
    private readonly seal: BallotSeal,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts in the award's sealed ballots if its voting has closed and they are not in yet.
   * Answers how many joined now (undefined: not due, or already released).
   */
  release(awardId: string): Promise<number | undefined> {
    return this.repository.releaseBallots(awardId, this.clock.now(), (sealed) =>
      shuffled(sealed.map((value) => this.seal.open(awardId, value))),
    );
  }

  /** Every award whose voting has closed with ballots still sealed; answers how many were released. */
  async releaseDue(): Promise<number> {
    let released = 0;
    for (const awardId of await this.repository.awardsDueForRelease(this.clock.now())) {
      if ((await this.release(awardId)) !== undefined) released += 1;
    }
    return released;
  }
}
