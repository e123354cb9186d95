import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { canonicalEmail } from '../mail/email-address.js';

/**
 * Who a request says is acting, before anyone has checked: a bearer token, a participant
 * cookie, an email in the body. Only a verifier of its kind turns it into an actor.
 */
export interface ActorClaim {
  kind: string;
  value: string;
}

/** The actor's stable id when the claim checks out (a token that resolves, a signature that matches), else undefined. */
export type ActorVerifier = (value: string) => Promise<string | undefined> | string | undefined;

export const ActorKind = {
  /** A staff token (identity verifies it) or a delegate's personal link (registrations does). */
  bearer: 'bearer',
  /** A canvas participant cookie (canvas registers its verifier). */
  participant: 'participant',
  /** An email address in the body; verified here: it must be a deliverable-looking mailbox. */
  email: 'email',
} as const;

/**
 * The verifiers of actor claims, by kind. Platform knows only emails; the feature that issues a
 * kind of credential registers its check at start-up, so limits here never import features.
 */
@Injectable()
export class ActorVerifiers {
  private readonly verifiers = new Map<string, ActorVerifier[]>([[ActorKind.email, [verifiedMailbox]]]);

  /** Adds a check for this kind; a claim is verified by the first check that knows it. */
  register(kind: string, verifier: ActorVerifier): void {
    this.verifiers.set(kind, [...(this.verifiers.get(kind) ?? []), verifier]);
  }

  /** `kind:id` of the verified actor, or undefined for no claim, an unknown kind or a claim that fails. */
  async verify(claim: ActorClaim | undefined): Promise<string | undefined> {
    for (const verifier of (claim && this.verifiers.get(claim.kind)) ?? []) {
      const id = await verifier(claim!.value);
      if (id !== undefined) return `${claim!.kind}:${id}`;
    }
    return undefined;
  }
}

/** The mailbox an address reaches (so `+tag` and dot variants are one actor); malformed ones are no actor. */
function verifiedMailbox(value: string): string | undefined {
  const mailbox = canonicalEmail(value);
  return mailbox.ok ? mailbox.canonical : undefined;
}

/** Claim helpers for rules. */
export const emailInBody =
  (field: string) =>
  (request: FastifyRequest): ActorClaim | undefined => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    return typeof value === 'string' && value.trim() !== ''
      ? { kind: ActorKind.email, value: value.trim().toLowerCase() }
      : undefined;
  };

export const bearerClaim = (request: FastifyRequest): ActorClaim | undefined => {
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  return token ? { kind: ActorKind.bearer, value: token } : undefined;
};

export const cookieClaim =
  (kind: string, cookie: string) =>
  (request: FastifyRequest): ActorClaim | undefined => {
    const value = (request.cookies as Record<string, string | undefined> | undefined)?.[cookie];
    return value ? { kind, value } : undefined;
  };

/** The first of several claims a request makes (a personal link before a cookie, say). */
export const firstClaim =
  (...claims: Array<(request: FastifyRequest) => ActorClaim | undefined>) =>
  (request: FastifyRequest): ActorClaim | undefined => {
    for (const claim of claims) {
      const found = claim(request);
      if (found) return found;
    }
    return undefined;
  };
