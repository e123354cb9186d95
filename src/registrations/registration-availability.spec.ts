import { registrationCall } from './registration-availability.service.js';

const now = new Date('2026-05-01T12:00:00Z');
const window = {
  status: 'published' as const,
  capacity: 2,
  confirmed: 0,
  opensAt: null,
  closesAt: null,
  endsAt: new Date('2026-06-01T00:00:00Z'),
};

describe('where registration stands', () => {
  it('follows the rules the registration itself applies', () => {
    expect(registrationCall(window, now)).toEqual({ kind: 'open' });
    expect(registrationCall({ ...window, confirmed: 2 }, now)).toEqual({ kind: 'full' });
    const opensAt = new Date('2026-05-02T00:00:00Z');
    expect(registrationCall({ ...window, opensAt }, now)).toEqual({ kind: 'opens', at: opensAt });
    expect(registrationCall({ ...window, closesAt: now }, now)).toEqual({ kind: 'closed' });
    expect(registrationCall({ ...window, endsAt: now }, now)).toEqual({ kind: 'closed' });
    expect(registrationCall({ ...window, status: 'cancelled' }, now)).toEqual({ kind: 'cancelled' });
    expect(registrationCall({ ...window, status: 'draft' }, now)).toBeUndefined();
  });
});
