import type { Caller, World } from './hardening/world.js';

/**
 * 'allow': any status but 401/403 (and never 5xx) — the guard let the caller through, the
 *          handler may still answer 400/404/409 to the empty body the matrix sends;
 * 'deny':  401 or 403 (the rows below use the exact status);
 * 'hidden': 404, where not revealing that a thing exists is the design;
 * a number: exactly that status.
 */
export type Expect = 'allow' | 'deny' | 'hidden' | number;
export type Row = Record<Caller, Expect>;

/**
 * The cells in CALLERS' order. The eighth, the signed-in link officer, defaults to the
 * anonymous cell: a link officer holds no staff or delegate credential.
 */
const row = (...cells: Expect[]): Row => ({
  anonymous: cells[0],
  otherDelegate: cells[1],
  delegate: cells[2],
  staff: cells[3],
  facilitator: cells[4],
  organiser: cells[5],
  admin: cells[6],
  linkOfficer: cells[7] ?? cells[0],
});
const A = 'allow';
/** Anyone, logged in or not (published events only). */
const PUBLIC = row(A, A, A, A, A, A, A);
/** Organisers of the event, and admins: 401 without a staff login, 403 for staff without the role. */
const ORGANISER = row(401, 401, 401, 403, 403, A, A);
/** Facilitators and organisers of the event, and admins. */
const FACILITATOR = row(401, 401, 401, 403, A, A, A);
/** Any logged-in staff member. */
const STAFF = row(401, 401, 401, A, A, A, A);
/** Admins only. */
const ADMIN = row(401, 401, 401, 403, 403, 403, A);
/** A staff page: any signed-in staff member; anyone else is sent to the sign-in page. */
const STAFF_PAGE = row(303, 303, 303, A, A, A, A);
/** An organiser's page: organisers and admins; other staff refused; anyone else is sent to sign in. */
const ORGANISER_PAGE = row(303, 303, 303, 403, 403, A, A);
/**
 * A staff form posted without its CSRF token: refused whoever sends it. The link officer's
 * browser carries its forms' token, so it gets past the CSRF check to the staff guard, which
 * sends it to sign in like any browser without a staff session.
 */
const NO_CSRF_TOKEN = row(403, 403, 403, 403, 403, 403, 403, 303);
/** A delegate with their token (of any event: the route acts on their own registration). */
const DELEGATE = row(401, A, A, 401, 401, 401, 401);
/** A link officer's page: their session; anyone else is sent to sign in. */
const LINK_OFFICER_PAGE = row(303, 303, 303, 303, 303, 303, 303, A);
/** A link officer's form: their session and its CSRF token; anyone else is refused before anything runs. */
const LINK_OFFICER_FORM = row(403, 403, 403, 403, 403, 403, 403, A);

/**
 * One row per route the application registers; a route without a row fails the matrix.
 * A denial is the exact status: 401 when the caller has no credential the route accepts
 * (a delegate token on a staff route, a staff login on a delegate route), 403 when they are
 * who they say but may not.
 */
export const EXPECTED: Record<string, Row> = {
  'DELETE /api/awards/:awardId/nominees/:nomineeId': ORGANISER,
  'DELETE /api/events/:eventId/sessions/:sessionId': ORGANISER,
  'DELETE /api/events/:eventId/speakers/:speakerId': ORGANISER,
  'DELETE /api/registrations/me': DELEGATE,
  // The other event's delegate cannot see this event's workshop.
  'DELETE /api/registrations/me/sessions/:sessionId': row(401, 'hidden', A, 401, 401, 401, 401),
  'GET /api/auth/me': STAFF,
  'GET /api/events/:eventId/check-in': FACILITATOR,
  'GET /api/awards/:awardId': PUBLIC,
  'GET /api/awards/:awardId/audit': ORGANISER,
  // Organisers only, and only once voting has closed: while it is open nobody gets it.
  'GET /api/awards/:awardId/audit.csv': row(401, 401, 401, 403, 403, 403, 403),
  'GET /api/awards/:awardId/nominations': ORGANISER,
  // Hidden from everyone until voting closes (organisers) and results are published (all).
  'GET /api/awards/:awardId/results': row(403, 403, 403, 403, 403, 403, 403),
  'GET /api/canvas-templates': STAFF,
  'GET /api/events/:eventId/canvases': FACILITATOR,
  'POST /api/canvases/:canvasId/timer': FACILITATOR,
  'PATCH /api/canvases/:canvasId/facilitation': FACILITATOR,
  'POST /api/canvases/:canvasId/reveal': FACILITATOR,
  'POST /api/canvases/:canvasId/clusters/rename': FACILITATOR,
  'GET /api/canvases/:canvasId': FACILITATOR,
  'GET /api/canvases/:canvasId/export': FACILITATOR,
  'GET /api/canvases/:canvasId/stream': FACILITATOR,
  'GET /api/canvases/join/:joinCode': PUBLIC,
  'GET /api/canvas-join/:joinCode': PUBLIC,
  'GET /api/events': PUBLIC,
  'GET /api/events/:eventId': PUBLIC,
  'GET /api/events/:eventId/agenda': PUBLIC,
  'GET /api/events/:eventId/agenda.ics': PUBLIC,
  'GET /api/events/:eventId/agenda/changes': PUBLIC,
  'GET /api/events/:eventId/awards': PUBLIC,
  'GET /api/events/:eventId/members': ORGANISER,
  'GET /api/events/:eventId/notifications': ORGANISER,
  'GET /api/events/:eventId/registrations': ORGANISER,
  'GET /api/events/:eventId/registrations/:registrationId': ORGANISER,
  'GET /api/events/:eventId/registrations/counts': ORGANISER,
  'GET /api/events/:eventId/reminder-rules': ORGANISER,
  'GET /api/events/:eventId/reminder-rules/:ruleId/preview': ORGANISER,
  'GET /api/events/:eventId/speakers': PUBLIC,
  'GET /api/registrations/me': DELEGATE,
  'GET /assets/:name': PUBLIC,
  'GET /canvases/:joinCode': PUBLIC,
  'GET /canvases/:joinCode/wall': PUBLIC,
  'GET /canvases/assets/canvas.js': PUBLIC,
  'GET /favicon.ico': PUBLIC,
  'GET /events/:slug': PUBLIC,
  // Registering and asking for the link again from a browser, as their API routes.
  'GET /events/:slug/register': PUBLIC,
  'GET /events/:slug/register/sent': PUBLIC,
  'GET /events/:slug/link': PUBLIC,
  'GET /events/:slug/link/sent': PUBLIC,
  'GET /link': PUBLIC,
  'POST /events/:slug/register': PUBLIC,
  'POST /events/:slug/link': PUBLIC,
  'POST /link': PUBLIC,
  'GET /health': PUBLIC,
  'GET /privacy': PUBLIC,
  // The signed opt-out link is its own credential (RFC 8058 one-click posts come from mail providers).
  'GET /reminders/stop/:token': PUBLIC,
  'POST /reminders/stop/:token': PUBLIC,
  // The personal link is the credential: whoever holds the path is the delegate.
  'GET /r/:token': PUBLIC,
  'GET /r/:token/calendar.ics': PUBLIC,
  'GET /r/:token/details': PUBLIC,
  'GET /r/:token/awards/:awardId': PUBLIC,
  'GET /r/:token/canvases/:joinCode': PUBLIC,
  'PATCH /api/awards/:awardId': ORGANISER,
  'PATCH /api/canvases/:canvasId/notes/:noteId': FACILITATOR,
  'PATCH /api/events/:eventId': ORGANISER,
  'PATCH /api/events/:eventId/sessions/:sessionId': ORGANISER,
  'PATCH /api/events/:eventId/speakers/:speakerId': ORGANISER,
  'POST /api/auth/login': PUBLIC,
  // A delegate of this event; the other event's delegate is refused.
  'POST /api/awards/:awardId/ballots': row(401, 403, A, 401, 401, 401, 401),
  // A delegate of this event; the other event's delegate is refused.
  'POST /api/awards/:awardId/nominations': row(401, 403, A, 401, 401, 401, 401),
  'POST /api/awards/:awardId/nominations/:nominationId/merge': ORGANISER,
  'POST /api/awards/:awardId/nominees': ORGANISER,
  'POST /api/awards/:awardId/results/casting-decision': ORGANISER,
  // Organisers only, after voting closes: while it is open nobody may publish.
  'POST /api/awards/:awardId/results/publish': row(401, 401, 401, 403, 403, 403, 403),
  'POST /api/canvases/:canvasId/close': FACILITATOR,
  'POST /api/canvases/:canvasId/reopen': FACILITATOR,
  'POST /api/canvases/:canvasId/templates': FACILITATOR,
  'POST /api/canvases/join/:joinCode/notes': PUBLIC,
  'POST /api/canvas-join/:joinCode/notes': PUBLIC,
  // Anyone with the join code; a bearer token that is not a delegate of this event is refused.
  'POST /api/canvases/join/:joinCode/notes/:noteId/dots': row(A, 401, A, 401, 401, 401, 401),
  'POST /api/canvas-join/:joinCode/notes/:noteId/dots': row(A, 401, A, 401, 401, 401, 401),
  'POST /api/events': STAFF,
  'POST /api/events/:eventId/awards': ORGANISER,
  'POST /api/events/:eventId/cancel': ORGANISER,
  'POST /api/events/:eventId/check-in': FACILITATOR,
  'POST /api/events/:eventId/check-in/undo': FACILITATOR,
  'POST /api/events/:eventId/canvases': FACILITATOR,
  'POST /api/events/:eventId/members': ORGANISER,
  'POST /api/events/:eventId/notifications/:notificationId/retry': ORGANISER,
  'POST /api/events/:eventId/publish': ORGANISER,
  'POST /api/events/:eventId/registrations': PUBLIC,
  'POST /api/events/:eventId/registrations/:registrationId/check-in': FACILITATOR,
  'POST /api/events/:eventId/registrations/:registrationId/erase': ORGANISER,
  'POST /api/events/:eventId/registrations/fill-free-seats': ORGANISER,
  'POST /api/events/:eventId/registrations/resend-link': PUBLIC,
  'POST /api/events/:eventId/sessions': ORGANISER,
  'POST /api/events/:eventId/speakers': ORGANISER,
  'POST /api/events/:eventId/unpublish': ORGANISER,
  'POST /api/users': ADMIN,
  // The note form without JavaScript: anyone with the join code, as its API route.
  'POST /canvases/:joinCode/notes': PUBLIC,
  'POST /r/:token/cancel': PUBLIC,
  'POST /r/:token/details': PUBLIC,
  'POST /r/:token/awards/:awardId/nominations': PUBLIC,
  'POST /r/:token/awards/:awardId/ballot': PUBLIC,
  'POST /r/:token/canvases/:joinCode/notes': PUBLIC,
  'POST /r/:token/workshops/:sessionId/join': PUBLIC,
  'POST /r/:token/workshops/:sessionId/leave': PUBLIC,
  'PUT /api/events/:eventId/reminder-rules': ORGANISER,
  // The other event's delegate cannot see this event's workshop.
  'PUT /api/registrations/me/details': DELEGATE,
  'PUT /api/registrations/me/sessions/:sessionId': row(401, 'hidden', A, 401, 401, 401, 401),
  // Staff rights that end: removing a member, deactivating an account, a password change, sign-out.
  'DELETE /api/events/:eventId/members/:userId': ORGANISER,
  'POST /api/auth/password': STAFF,
  'POST /api/auth/sign-out': STAFF,
  'POST /api/users/:userId/deactivate': ADMIN,
  'POST /api/users/:userId/reactivate': ADMIN,
  // Staff pages: the same guards as the API, with a bearer token or the session cookie; a
  // browser without either is sent to sign in (303). Every POST needs the form's CSRF token,
  // which no caller here has, so all are refused (403) before anything runs
  // (staff-pages.e2e-spec.ts signs in and posts with the token).
  'GET /staff': STAFF_PAGE,
  'GET /staff/password': STAFF_PAGE,
  'GET /staff/sign-in': PUBLIC,
  'POST /staff/password': NO_CSRF_TOKEN,
  // With the token (the link officer's browser has one) the empty form is refused for its missing fields.
  'POST /staff/sign-in': row(403, 403, 403, 403, 403, 403, 403, 400),
  'POST /staff/sign-out': NO_CSRF_TOKEN,
  // Door check-in (check-in-pages.e2e-spec.ts posts with the token): the API's guard, the event's team.
  'GET /staff/assets/check-in.js': PUBLIC,
  'GET /staff/events/:eventId/check-in': row(303, 303, 303, 403, A, A, A),
  'POST /staff/events/:eventId/check-in': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/check-in/undo': NO_CSRF_TOKEN,
  'GET /staff/events/new': STAFF_PAGE,
  'GET /staff/events/:eventId': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/edit': ORGANISER_PAGE,
  'GET /staff/events/:eventId/publish': ORGANISER_PAGE,
  'GET /staff/events/:eventId/unpublish': ORGANISER_PAGE,
  'GET /staff/events/:eventId/cancel': ORGANISER_PAGE,
  'POST /staff/events/new': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/edit': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/members': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/members/:userId/remove': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/publish': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/unpublish': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/cancel': NO_CSRF_TOKEN,
  // The delegate list and one delegate (delegates-pages.e2e-spec.ts posts with the token).
  'GET /staff/events/:eventId/delegates': ORGANISER_PAGE,
  'GET /staff/events/:eventId/delegates/export.csv': ORGANISER_PAGE,
  'GET /staff/events/:eventId/delegates/:registrationId': ORGANISER_PAGE,
  'GET /staff/events/:eventId/delegates/:registrationId/erase': ORGANISER_PAGE,
  'POST /staff/events/:eventId/delegates/fill-free-seats': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/delegates/:registrationId/erase': NO_CSRF_TOKEN,
  'GET /staff/events/:eventId/agency-places': ORGANISER_PAGE,
  'POST /staff/events/:eventId/agency-places': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/agency-places/release-date': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/agency-places/:agencyId/remove': NO_CSRF_TOKEN,
  // The event's mail (mail-pages.e2e-spec.ts posts with the token).
  'GET /staff/events/:eventId/mail': ORGANISER_PAGE,
  'POST /staff/events/:eventId/mail/:notificationId/retry': NO_CSRF_TOKEN,
  // The award console (award-console-pages.e2e-spec.ts posts with the token).
  'GET /staff/events/:eventId/awards': ORGANISER_PAGE,
  'GET /staff/assets/award-console.js': PUBLIC,
  'GET /staff/events/:eventId/awards/new': ORGANISER_PAGE,
  'GET /staff/events/:eventId/awards/:awardId': ORGANISER_PAGE,
  'GET /staff/events/:eventId/awards/:awardId/edit': ORGANISER_PAGE,
  'GET /staff/events/:eventId/awards/:awardId/publish': ORGANISER_PAGE,
  // Voting is open in the matrix's award: the audit file stays sealed for everyone.
  'GET /staff/events/:eventId/awards/:awardId/audit.csv': row(303, 303, 303, 403, 403, 403, 403),
  'POST /staff/events/:eventId/awards/new': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/awards/:awardId/edit': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/awards/:awardId/nominations/:nominationId/merge': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/awards/:awardId/nominees': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/awards/:awardId/nominees/:nomineeId/remove': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/awards/:awardId/casting-decision': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/awards/:awardId/publish': NO_CSRF_TOKEN,
  // The public results page: nothing there until the results are published.
  'GET /events/:slug/awards/:awardId': row('hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'),
  // Evidence of learning (attendance.e2e-spec.ts posts with the token): the team marks
  // attendance, organisers set hours; a delegate checks in with the room's code by their link.
  'GET /staff/events/:eventId/attendance': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/attendance/:sessionId': row(303, 303, 303, 403, A, A, A),
  'POST /staff/events/:eventId/attendance/:sessionId': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/attendance/:sessionId/hours': NO_CSRF_TOKEN,
  'GET /r/:token/attend': PUBLIC,
  'POST /r/:token/attend': PUBLIC,
  // The agenda builder and speakers (agenda-pages.e2e-spec.ts posts with the token): the API's guard, organisers.
  'GET /staff/events/:eventId/agenda': ORGANISER_PAGE,
  'GET /staff/events/:eventId/agenda/sessions/new': ORGANISER_PAGE,
  'GET /staff/events/:eventId/agenda/sessions/:sessionId': ORGANISER_PAGE,
  'GET /staff/events/:eventId/agenda/sessions/:sessionId/delete': ORGANISER_PAGE,
  'POST /staff/events/:eventId/agenda/sessions/new': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/agenda/sessions/:sessionId': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/agenda/sessions/:sessionId/cancel': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/agenda/sessions/:sessionId/reinstate': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/agenda/sessions/:sessionId/delete': NO_CSRF_TOKEN,
  'GET /staff/events/:eventId/speakers': ORGANISER_PAGE,
  'GET /staff/events/:eventId/speakers/:speakerId': ORGANISER_PAGE,
  'POST /staff/events/:eventId/speakers': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/speakers/:speakerId': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/speakers/:speakerId/remove': NO_CSRF_TOKEN,
  'GET /staff/events/:eventId/reschedule': ORGANISER_PAGE,
  'POST /staff/events/:eventId/reschedule': NO_CSRF_TOKEN,
  // Reminder rules (reminder-rules-pages.e2e-spec.ts posts with the token): organisers.
  'GET /staff/events/:eventId/reminders': ORGANISER_PAGE,
  'GET /staff/events/:eventId/reminders/:ruleId': ORGANISER_PAGE,
  'POST /staff/events/:eventId/reminders': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/reminders/:ruleId': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/reminders/:ruleId/delete': NO_CSRF_TOKEN,
  // Feedback (feedback.e2e-spec.ts): the organisers' settings; a delegate's forms by their link.
  // The canvas console and the facilitator's wall (canvas-console.e2e-spec.ts posts with the token).
  'GET /staff/events/:eventId/canvases': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/canvases/:canvasId': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/canvases/:canvasId/stream': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/canvases/:canvasId/presenter': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/canvases/:canvasId/export': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/canvases/:canvasId/write-up': row(303, 303, 303, 403, A, A, A),
  'GET /staff/events/:eventId/canvases/:canvasId/email-write-up': row(303, 303, 303, 403, A, A, A),
  'POST /staff/events/:eventId/canvases/:canvasId/email-write-up': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/notes/:noteId': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/clusters': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/close': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/reopen': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/timer': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/facilitation': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/reveal': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/canvases/:canvasId/template': NO_CSRF_TOKEN,
  'GET /canvases/assets/canvas-wall.js': PUBLIC,
  'GET /staff/events/:eventId/feedback': ORGANISER_PAGE,
  'POST /staff/events/:eventId/feedback': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/feedback/reminder': NO_CSRF_TOKEN,
  'POST /staff/events/:eventId/feedback/follow-up': NO_CSRF_TOKEN,
  'GET /r/:token/feedback': PUBLIC,
  'GET /r/:token/feedback/event': PUBLIC,
  'POST /r/:token/feedback/event': PUBLIC,
  'GET /r/:token/feedback/sessions/:sessionId': PUBLIC,
  'POST /r/:token/feedback/sessions/:sessionId': PUBLIC,
  'GET /r/:token/follow-up': PUBLIC,
  'POST /r/:token/follow-up': PUBLIC,
  'GET /r/:token/reflections/:sessionId': PUBLIC,
  'POST /r/:token/reflections/:sessionId': PUBLIC,
  // agencies: the network's list belongs to whoever organises an event (the matrix's organiser does)
  'GET /api/agencies': PUBLIC,
  'GET /staff/agencies': ORGANISER_PAGE,
  'GET /staff/agencies/import': ORGANISER_PAGE,
  'POST /staff/agencies/import': NO_CSRF_TOKEN,
  'GET /staff/agencies/unmatched': ORGANISER_PAGE,
  'POST /staff/agencies/unmatched': NO_CSRF_TOKEN,
  'GET /staff/agencies/:agencyId/edit': ORGANISER_PAGE,
  'POST /staff/agencies/:agencyId/edit': NO_CSRF_TOKEN,
  // link officers: sign-in pages are anyone's; the linkOfficer caller holds a link officer's
  // session and its forms' CSRF token (link-officers.e2e-spec.ts and link-officer-colleagues.e2e-spec.ts post forms)
  'GET /link-officer/sign-in': PUBLIC,
  'POST /link-officer/sign-in': row(403, 403, 403, 403, 403, 403, 403, 400),
  'GET /link-officer/sign-in/sent': PUBLIC,
  // the link's page only offers a button that posts the token: anyone may fetch it
  'GET /link-officer/sign-in/:token': PUBLIC,
  // A token no link was sent with: refused as a used or expired link.
  'POST /link-officer/sign-in/:token': row(403, 403, 403, 403, 403, 403, 403, 410),
  'GET /link-officer': LINK_OFFICER_PAGE,
  // Another agency's (here: none's) hand-over is not there for the link officer.
  'POST /link-officer/agencies/:agencyId/hand-over': row(403, 403, 403, 403, 403, 403, 403, 'hidden'),
  // Ends the link officer's session, so it runs among the last routes (ORDER).
  'GET /staff/agencies/:agencyId/link-officers': ORGANISER_PAGE,
  'POST /staff/agencies/:agencyId/link-officers': NO_CSRF_TOKEN,
  'POST /staff/agencies/:agencyId/link-officers/remove': NO_CSRF_TOKEN,
  'POST /link-officer/sign-out': row(403, 403, 403, 403, 403, 403, 403, 303),
  // Acting for colleagues (link-officer-colleagues.e2e-spec.ts posts with the token): the link
  // officer's own agency (PARAMS), anyone else is sent to sign in; the swap names delegate A, of
  // another agency, so it is not there for the link officer (404).
  'GET /link-officer/agencies/:agencyId/events/:eventId/register': LINK_OFFICER_PAGE,
  'POST /link-officer/agencies/:agencyId/events/:eventId/register': LINK_OFFICER_FORM,
  'GET /link-officer/agencies/:agencyId/registrations/:registrationId/swap': {
    ...LINK_OFFICER_PAGE,
    linkOfficer: 'hidden',
  },
  'POST /link-officer/agencies/:agencyId/registrations/:registrationId/swap': {
    ...LINK_OFFICER_FORM,
    linkOfficer: 'hidden',
  },
  'GET /link-officer/agencies/:agencyId/events/:eventId/nominate': LINK_OFFICER_PAGE,
  'POST /link-officer/agencies/:agencyId/events/:eventId/nominate': LINK_OFFICER_FORM,
  // The agency report (agency-report.e2e-spec.ts): the network's organisers see every agency (404 for
  // an agency that is not there); a link officer only their own agency's (here: none's, so hidden).
  'GET /staff/agencies/report': ORGANISER_PAGE,
  'GET /staff/agencies/report.csv': ORGANISER_PAGE,
  'GET /staff/agencies/:agencyId/report': ORGANISER_PAGE,
  'GET /staff/agencies/:agencyId/report.csv': ORGANISER_PAGE,
  'GET /link-officer/agencies/:agencyId/report': row(303, 303, 303, 303, 303, 303, 303, 'hidden'),
  'GET /link-officer/agencies/:agencyId/report.csv': row(303, 303, 303, 303, 303, 303, 303, 'hidden'),
  // Results (feedback-results.e2e-spec.ts): organisers; a speaker by their secret link (404 without a real one).
  'GET /staff/events/:eventId/feedback/results': ORGANISER_PAGE,
  'GET /staff/events/:eventId/feedback/results.csv': ORGANISER_PAGE,
  'GET /staff/events/:eventId/feedback/results.xlsx': ORGANISER_PAGE,
  'POST /staff/events/:eventId/feedback/results/speakers/:speakerId/link': NO_CSRF_TOKEN,
  'GET /feedback-results/:token': row(404, 404, 404, 404, 404, 404, 404),
  // CPD certificates (certificates.e2e-spec.ts): a delegate's own by their link; anyone checks a code (404 if unknown).
  'GET /r/:token/certificate.pdf': PUBLIC,
  'GET /certificates/:code': row(404, 404, 404, 404, 404, 404, 404),
};

/** Routes that change or remove the seeded world, run last in this order. */
export const ORDER: string[] = [];
ORDER.push(
  'DELETE /api/registrations/me/sessions/:sessionId',
  'POST /r/:token/workshops/:sessionId/leave',
  'DELETE /api/awards/:awardId/nominees/:nomineeId',
  'DELETE /api/events/:eventId/speakers/:speakerId',
  'DELETE /api/events/:eventId/sessions/:sessionId',
  'POST /api/canvases/:canvasId/close',
  'POST /api/events/:eventId/unpublish',
  'POST /api/events/:eventId/publish',
  'POST /api/events/:eventId/registrations/:registrationId/erase',
  'POST /r/:token/cancel',
  'DELETE /api/registrations/me',
  'POST /api/events/:eventId/cancel',
);

// Routes that end someone's rights. Sign-out ends every caller's token, so it must stay the last route of all.
ORDER.push(
  'POST /api/users/:userId/deactivate',
  'POST /api/users/:userId/reactivate',
  'DELETE /api/events/:eventId/members/:userId',
  'POST /link-officer/sign-out',
  'POST /api/auth/sign-out',
);

/** Path parameters a route takes from elsewhere than the shared world (so it uses up a spare). */
export const PARAMS: Record<string, (w: World) => Record<string, string>> = {
  // The link officer's own agency (the world's agencyId is nobody's).
  'GET /link-officer/agencies/:agencyId/events/:eventId/register': (w) => ({ agencyId: w.agency.id }),
  'POST /link-officer/agencies/:agencyId/events/:eventId/register': (w) => ({ agencyId: w.agency.id }),
  'GET /link-officer/agencies/:agencyId/registrations/:registrationId/swap': (w) => ({ agencyId: w.agency.id }),
  'POST /link-officer/agencies/:agencyId/registrations/:registrationId/swap': (w) => ({ agencyId: w.agency.id }),
  'GET /link-officer/agencies/:agencyId/events/:eventId/nominate': (w) => ({ agencyId: w.agency.id }),
  'POST /link-officer/agencies/:agencyId/events/:eventId/nominate': (w) => ({ agencyId: w.agency.id }),
  // No certificate has this (well-formed) code: the public check answers 404 to everyone.
  'GET /certificates/:code': () => ({ code: 'ABCDEFGHJKLM' }),
  'POST /api/events/:eventId/registrations/:registrationId/erase': (w) => ({ registrationId: w.spare[0].id }),
  'POST /r/:token/cancel': (w) => ({ token: w.spare[1].token }),
  // Y's organiser: nobody in the matrix calls as them.
  'POST /api/users/:userId/deactivate': (w) => ({ userId: w.organiserY.id }),
  'POST /api/users/:userId/reactivate': (w) => ({ userId: w.organiserY.id }),
  // X's facilitator, near the end, once their own calls are done.
  'DELETE /api/events/:eventId/members/:userId': (w) => ({ userId: w.facilitator.id }),
};

/**
 * Bodies for routes whose access check lives in the service (behind validation): with an
 * empty body every caller would get the same 400, so the matrix would prove nothing.
 */
export const BODIES: Record<string, (w: World) => unknown> = {
  'POST /api/awards/:awardId/nominees': () => ({ name: 'Zed Nominee', organisation: 'Org' }),
  'POST /api/awards/:awardId/nominations': () => ({ nomineeName: 'Zed Nominee', statement: 'Because' }),
  'POST /api/awards/:awardId/nominations/:nominationId/merge': (w) => ({ intoNominationId: w.params.nominationId }),
  'POST /api/awards/:awardId/results/casting-decision': (w) => ({ nomineeId: w.award.nomineeId, reason: 'Chair' }),
  'POST /api/canvases/:canvasId/templates': () => ({ key: 'ours-matrix', title: 'Ours' }),
  'POST /api/events/:eventId/canvases': () => ({ title: 'Another canvas' }),
  'POST /api/canvases/:canvasId/timer': () => ({ minutes: 0 }),
  'POST /api/canvases/:canvasId/reveal': () => ({ section: 'values' }),
  'POST /api/canvases/:canvasId/clusters/rename': () => ({ from: 'No such cluster', to: 'Renamed' }),
};

/**
 * Routes where a malformed id is 404 rather than 400: the public event routes take the
 * event's id or its slug, and the personal page answers a person with an HTML 404 page.
 */
export const MALFORMED_ID_IS_404 = new Set([
  'GET /api/events/:eventId',
  'GET /api/events/:eventId/agenda',
  'GET /api/events/:eventId/agenda.ics',
  'GET /api/events/:eventId/agenda/changes',
  'GET /api/events/:eventId/speakers',
  'POST /r/:token/workshops/:sessionId/join',
  'POST /r/:token/workshops/:sessionId/leave',
  'GET /r/:token/awards/:awardId',
  'POST /r/:token/awards/:awardId/nominations',
  'POST /r/:token/awards/:awardId/ballot',
  'GET /r/:token/feedback/sessions/:sessionId',
  'POST /r/:token/feedback/sessions/:sessionId',
  'GET /r/:token/reflections/:sessionId',
  'POST /r/:token/reflections/:sessionId',
  'GET /events/:slug/awards/:awardId',
]);

/**
 * Routes mounted as Fastify plugins rather than Nest controllers, by prefix: every such route
 * must fall under one of these, with the row that applies to everything beneath it.
 */
export const MOUNTS: Record<string, Row> = {
  /** Bull Board: administrators only (its own onRequest hook: a bearer token or the console cookie). */
  '/admin/queues': ADMIN,
  /** OpenAPI documentation. */
  '/docs': PUBLIC,
};

/** A real file behind each mount's wildcard (static assets), so the wildcard route is exercised. */
export const WILDCARD_SAMPLE: Record<string, string> = {
  '/admin/queues': 'static/favicon.ico',
  '/docs': 'swagger-ui.css',
};
