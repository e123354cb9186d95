import { EventMember } from '../events/event-member.entity.js';
import { Event } from '../events/event.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Registration } from '../registrations/registration.entity.js';
import { SessionSignup } from '../registrations/session-signup.entity.js';
import { AgendaSession } from '../sessions/agenda-session.entity.js';
import { Speaker } from '../speakers/speaker.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed (not globbed) so the same list works from src under jest and from dist. */
export const ENTITIES = [User, Event, EventMember, Speaker, AgendaSession, Registration, SessionSignup, Notification];
