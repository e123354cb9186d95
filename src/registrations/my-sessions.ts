/**
 * A delegate's own sessions: everything but workshops (the plenaries, talks and breaks every
 * delegate attends), and of the workshops only those where they hold a place — not the ones
 * whose queue they are in, nor the parallel ones they did not choose.
 */
export function ownSessions<S extends { id: string; kind: string }>(
  sessions: readonly S[],
  confirmedWorkshopIds: ReadonlySet<string>,
): S[] {
  return sessions.filter((session) => session.kind !== 'workshop' || confirmedWorkshopIds.has(session.id));
}
