import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DelegateResolver } from '../registrations/access/delegate-resolver.js';
import { AppConfig } from '../platform/config/app-config.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { ActorKind, ActorVerifiers, bearerClaim, cookieClaim, firstClaim } from '../platform/http/actor-verifiers.js';
import { RateCounter, RetryLaterException } from '../platform/http/rate-counter.js';
import type { Registration } from '../registrations/registration.entity.js';
import { CanvasError, canvasError } from './canvas.errors.js';
import type { Canvas } from './canvas.entity.js';
import { PARTICIPANT_COOKIE, type ParticipantRequest } from './participant-request.js';


const COOKIE_MAX_AGE_S = 60 * 60 * 24 * 30;
const HOUR = 3_600_000;

export interface Participant {
  /**
   * `d:<registration id>` for a delegate, `c:<random id>` for a cookie holder, `a:<keyed hash>` for
   * a client that keeps no cookie (everyone without one at an address shares it).
   */
  key: string;
  delegate?: Registration;
}

/**
 * What a join-code request needs of its participant: `peek` only looks (the wall), `join` hands
 * a newcomer a cookie when the address may have another (opening the page), `note` must have one
 * (posting), `dot` never makes one (a vote without a cookie is the address's).
 */
export type ParticipantUse = 'peek' | 'join' | 'note' | 'dot';

/** Rate-limit claim on a join-code route: the delegate's token, else the participant cookie. */
export const participantClaim = firstClaim(bearerClaim, cookieClaim(ActorKind.participant, PARTICIPANT_COOKIE));

/**
 * Who is posting or voting on a canvas: the delegate with their personal-link token, or on an
 * anonymous canvas a random id in a signed cookie, set when the join page is opened (so a room
 * of phones each posts as itself from the first note). New cookies per address are capped:
 * each is a participant with its own limits and dots.
 */
@Injectable()
export class CanvasParticipants implements OnModuleInit {
  constructor(
    private readonly delegates: DelegateResolver,
    private readonly config: AppConfig,
    private readonly keys: KeyRing,
    private readonly counter: RateCounter,
    private readonly verifiers: ActorVerifiers,
  ) {}

  onModuleInit(): void {
    this.verifiers.register(ActorKind.participant, (cookie) => this.verify(cookie));
  }

  /** Resolves the participant for this use; undefined only for `peek` and `join` without one. */
  async resolve(canvas: Canvas, who: ParticipantRequest, use: ParticipantUse): Promise<Participant | undefined> {
    const token = who.delegateToken;
    if (token) {
      const delegate = await this.delegates.resolve(token);
      if (!delegate || delegate.eventId !== canvas.eventId || delegate.status === 'cancelled') {
        throw canvasError(
          CanvasError.DelegateRequired,
          'That personal link is not valid for this event; use the link from your confirmation email.',
        );
      }
      return { key: `d:${delegate.id}`, delegate };
    }
    if (!canvas.anonymous) {
      if (use === 'peek' || use === 'join') return undefined;
      throw canvasError(
        CanvasError.DelegateRequired,
        'This canvas is for registered delegates: open it from the personal link in your confirmation email.',
      );
    }
    const id = who.cookie ? this.verify(who.cookie) : undefined;
    if (id) return { key: `c:${id}` };
    if (use === 'dot') return { key: `a:${this.addressKey(who.address)}` };
    if (use === 'peek' || !who.giveCookie) return undefined;
    const waitMs = await this.counter.hit(
      'participant-new',
      [{ key: `ip:${who.address}`, limit: this.config.participantCookiesPerAddress }],
      HOUR,
    );
    if (waitMs > 0) {
      if (use === 'join') return undefined;
      throw new RetryLaterException(waitMs);
    }
    const fresh = randomBytes(16).toString('base64url');
    who.giveCookie({
      value: `${fresh}.${this.sign(fresh)}`,
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.appUrl.startsWith('https:'),
      maxAge: COOKIE_MAX_AGE_S,
    });
    return { key: `c:${fresh}` };
  }

  private sign(id: string, key = this.keys.current('participant-cookie').key): string {
    return createHmac('sha256', key).update(`canvas-participant:${id}`).digest('base64url');
  }

  /** The address as a participant, keyed so the stored value does not give the address away. */
  private addressKey(address: string): string {
    return createHmac('sha256', this.keys.current('participant-cookie').key)
      .update(`canvas-address:${address}`)
      .digest('base64url')
      .slice(0, 22);
  }

  /** Signed with the current key, or with a rotated-out one still configured. */
  private verify(cookie: string): string | undefined {
    const [id, signature] = cookie.split('.');
    if (!id || !signature || !/^[A-Za-z0-9_-]{22}$/.test(id)) return undefined;
    const given = Buffer.from(signature);
    const signedBy = this.keys.all('participant-cookie').find(({ key }) => {
      const expected = Buffer.from(this.sign(id, key));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    return signedBy ? id : undefined;
  }
}
