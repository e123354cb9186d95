import { Injectable } from '@nestjs/common';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { SecretBox } from '../platform/crypto/secret-box.js';

/** A nominee id (36 characters) and its separator. */
const CHOICE_WIDTH = 37;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A ballot's choices encrypted under the 'ballot' key, which lives with the app and never in
 * the database: what the voter's transaction writes beside the receipt, so neither a reader
 * of the tables nor PostgreSQL's statement log can pair the two. Every ballot of an award
 * seals to the same length (padded to the whole shortlist), so a short ranking does not stand
 * out by its size; the award id is bound to the sealed value.
 */
@Injectable()
export class BallotSeal {
  private readonly box: SecretBox;

  constructor(keys: KeyRing) {
    this.box = new SecretBox(keys, 'ballot');
  }

  seal(awardId: string, choices: string[], shortlistSize: number): string {
    const plain = choices.join(' ').padEnd(Math.max(shortlistSize, choices.length) * CHOICE_WIDTH, ' ');
    return this.box.seal(plain, awardId);
  }

  /** The choices, first preference first; throws on anything not sealed by `seal` for this award. */
  open(awardId: string, sealed: string): string[] {
    const choices = this.box.open(sealed, awardId).trim().split(' ');
    if (choices.length === 0 || !choices.every((id) => UUID.test(id))) throw new Error('Malformed sealed ballot');
    return choices;
  }
}
