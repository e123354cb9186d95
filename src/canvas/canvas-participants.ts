import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { bearerToken } from '../identity/bearer.js';
import { DelegateResolver } from '../registrations/access/delegate-resolver.js';
import { AppConfig } from '../platform/config/app-config.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import type { Registration } from '../registrations/registration.entity.js';
import { CanvasError, canvasError } from './canvas.errors.js';
import type { Canvas } from './canvas.entity.js';

export const PARTICIPANT_COOKIE = 'plenary_participant';
const COOKIE_MAX_AGE_S = 60 * 60 * 24 * 30;

export interface Participant {
  /** `d:<registration id>` for a delegate, `c:<random id>` for a cookie holder. */
  key: string;
  delegate?: Registration;
}

/** Rate-limit key: who is acting on a join-code route (delegate token, else participant cookie). */
export const participantRateKey = (request: FastifyRequest): string | undefined =>
  bearerToken(request) ?? (request.cookies as Record<string, string | undefined> | undefined)?.[PARTICIPANT_COOKIE];

/**
 * Who is posting or voting on a canvas: the delegate with their personal-link token, or on an
 * anonymous canvas a random id in a signed cookie (set on first use).
 */
@Injectable()
export class CanvasParticipants {
  constructor(
    private readonly delegates: DelegateResolver,
    private readonly config: AppConfig,
    private readonly keys: KeyRing,
  ) {}

  /** Resolves the participant; with `create`, gives a newcomer a cookie. */
  async resolve(
    canvas: Canvas,
    request: FastifyRequest,
    reply: FastifyReply | undefined,
    create: boolean,
  ): Promise<Participant | undefined> {
    const token = bearerToken(request);
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
      if (!create) return undefined;
      throw canvasError(
        CanvasError.DelegateRequired,
        'This canvas is for registered delegates: open it from the personal link in your confirmation email.',
      );
    }
    const cookie = (request.cookies as Record<string, string | undefined> | undefined)?.[PARTICIPANT_COOKIE];
    const id = cookie ? this.verify(cookie) : undefined;
    if (id) return { key: `c:${id}` };
    if (!create || !reply) return undefined;
    const fresh = randomBytes(16).toString('base64url');
    void reply.setCookie(PARTICIPANT_COOKIE, `${fresh}.${this.sign(fresh)}`, {
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
