import { DateTime } from 'luxon';
import type { AgendaChange, SessionValues } from './agenda-change.entity.js';

const slot = (values: SessionValues, zone: string): string => {
  const start = DateTime.fromISO(values.startsAt!, { zone });
  const end = DateTime.fromISO(values.endsAt!, { zone });
  return `${start.setLocale('en-GB').toFormat('cccc d LLLL, HH:mm')}–${end.toFormat('HH:mm')}`;
};

const names = (values: SessionValues): string => (values.speakers ?? []).map((s) => s.name).join(', ') || 'no speakers';

/** One sentence per recorded change, in the event's time zone, for the change email. */
export function describeChange(change: AgendaChange, zone: string): string {
  const oldV = change.oldValues ?? {};
  const newV = change.newValues ?? {};
  const title = `"${newV.title ?? change.sessionTitle}"`;
  if (change.kinds.includes('added')) {
    return `${title} was added: ${slot(newV, zone)}${newV.room ? `, ${newV.room}` : ''}.`;
  }
  if (change.kinds.includes('removed')) return `"${change.sessionTitle}" was removed from the agenda.`;
  const parts: string[] = [];
  if (change.kinds.includes('cancelled')) parts.push('is cancelled');
  if (change.kinds.includes('reinstated')) parts.push('is back on the agenda');
  if (oldV.startsAt && newV.startsAt) parts.push(`moves from ${slot(oldV, zone)} to ${slot(newV, zone)}`);
  if (change.kinds.includes('re-roomed')) {
    parts.push(`moves from ${oldV.room ?? 'no set room'} to ${newV.room ?? 'no set room'}`);
  }
  if (change.kinds.includes('speakers-changed')) parts.push(`now has ${names(newV)} (was ${names(oldV)})`);
  if (change.kinds.includes('renamed')) parts.push(`was renamed from "${oldV.title}"`);
  if (parts.length === 0) parts.push('has new details');
  return `${title} ${parts.join('; ')}.`;
}
