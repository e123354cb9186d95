import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '../identity/bearer.js';

export const PARTICIPANT_COOKIE = 'plenary_participant';

/** How a newcomer's participant cookie is set (the attributes are the participants' to decide). */
export interface ParticipantCookie {
  value: string;
  path: string;
  httpOnly: boolean;
  sameSite: 'lax';
  secure: boolean;
  maxAge: number;
}

/**
 * Who is asking on a join-code route, read from the HTTP request at the controller's edge, so
 * the canvas services deal in these facts and never in Fastify's request or reply.
 */
export interface ParticipantRequest {
  /** A personal-link token: from the Authorization header, or the one in the page's path. */
  delegateToken?: string;
  /** The participant cookie's value, if the browser sent one. */
  cookie?: string;
  /** The client's address (for a room of phones on the venue's Wi-Fi, the venue's). */
  address: string;
  /** Hands a newcomer their participant cookie; left out where no cookie may be set. */
  giveCookie?: (cookie: ParticipantCookie) => void;
}

export function participantRequestOf(request: FastifyRequest, reply?: FastifyReply): ParticipantRequest {
  const cookies = request.cookies as Record<string, string | undefined> | undefined;
  return {
    delegateToken: bearerToken(request),
    cookie: cookies?.[PARTICIPANT_COOKIE],
    address: request.ip,
    ...(reply
      ? {
          giveCookie: ({ value, ...attributes }: ParticipantCookie) =>
            void reply.setCookie(PARTICIPANT_COOKIE, value, attributes),
        }
      : {}),
  };
}

/** The participant facts of this request; a newcomer may be handed a cookie on its reply. */
export const Participant = createParamDecorator((_: unknown, context: ExecutionContext): ParticipantRequest => {
  const http = context.switchToHttp();
  return participantRequestOf(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
});
