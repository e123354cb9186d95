import { cpdHours, shownCounts, shownFigures, totalFigures } from './agency-report.js';
import type { AgencyEventFigures } from './agency-reports.repository.js';

const at = (eventId: string, attended: number, forms: number): AgencyEventFigures => ({
  agencyId: 'a',
  eventId,
  allocatedPlaces: null,
  allocationReserved: null,
  registered: attended + 1,
  waiting: 1,
  cancelled: 0,
  attended,
  cpdMinutes: attended * 90,
  forms,
});

describe('the agency report’s figures', () => {
  it('shows a count of feedback forms only from 5, as the evidence’s results do', () => {
    expect(shownCounts([{ key: 'x', n: 4 }]).get('x')).toBeNull();
    expect(shownCounts([{ key: 'x', n: 0 }]).get('x')).toBeNull();
    expect(shownCounts([{ key: 'x', n: 5 }]).get('x')).toBe(5);
    expect(shownFigures(at('e', 3, 4)).forms).toBeNull();
    expect(shownFigures(at('e', 6, 6))).toEqual({
      allocated: null,
      registered: 7,
      waiting: 1,
      cancelled: 0,
      attended: 6,
      cpdMinutes: 540,
      forms: 6,
    });
  });

  it('adds events up, and hides a total that would give a hidden event’s count away', () => {
    // 7 shown and 3 hidden: a total of 10 would say the hidden one is 3.
    expect(totalFigures([at('e1', 7, 7), at('e2', 3, 3)]).forms).toBeNull();
    // 7 shown, and two hidden that are 6 together: the total says no single count.
    expect(totalFigures([at('e1', 7, 7), at('e2', 3, 3), at('e3', 3, 3)]).forms).toBe(13);
    // An event nobody attended has nothing to hide.
    expect(totalFigures([at('e1', 7, 7), at('e2', 0, 0)]).forms).toBe(7);
    // Two small events that are 5 together.
    expect(totalFigures([at('e1', 2, 2), at('e2', 3, 3)]).forms).toBe(5);
    const total = totalFigures([at('e1', 7, 7), at('e2', 3, 3)]);
    expect([total.registered, total.waiting, total.attended, total.cpdMinutes]).toEqual([12, 2, 10, 900]);
    expect(totalFigures([]).forms).toBeNull();
  });

  it('adds up the places allocated over events, saying whether they were held, capped or both', () => {
    const held = { ...at('e1', 1, 0), allocatedPlaces: 10, allocationReserved: true };
    const capped = { ...at('e2', 1, 0), allocatedPlaces: 4, allocationReserved: false };
    expect(shownFigures(held).allocated).toEqual({ places: 10, kind: 'reserved' });
    expect(totalFigures([held, at('e3', 1, 0)]).allocated).toEqual({ places: 10, kind: 'reserved' });
    expect(totalFigures([held, capped]).allocated).toEqual({ places: 14, kind: 'mixed' });
    expect(totalFigures([at('e1', 1, 0)]).allocated).toBeNull();
  });

  it('gives CPD hours to two decimal places', () => {
    expect([cpdHours(90), cpdHours(0), cpdHours(20), cpdHours(135)]).toEqual([1.5, 0, 0.33, 2.25]);
  });
});
