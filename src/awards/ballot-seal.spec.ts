import { loadConfig } from '../platform/config/app-config.js';
import { KeyRing } from '../platform/crypto/key-ring.js';
import { BallotSeal } from './ballot-seal.js';

const AWARD = '6f1c1c2e-8f55-4c43-9a39-1b2d3c4d5e6f';
const OTHER_AWARD = '7f1c1c2e-8f55-4c43-9a39-1b2d3c4d5e6f';
const IDS = [
  '0b7d0d7e-1111-4a4a-8b8b-000000000001',
  '0b7d0d7e-1111-4a4a-8b8b-000000000002',
  '0b7d0d7e-1111-4a4a-8b8b-000000000003',
];

describe('BallotSeal', () => {
  const seal = new BallotSeal(new KeyRing(loadConfig({})));

  it('opens what it sealed, first preference first, and the sealed value names no nominee', () => {
    const sealed = seal.seal(AWARD, [IDS[2], IDS[0]], IDS.length);
    for (const id of IDS) expect(sealed).not.toContain(id);
    expect(seal.open(AWARD, sealed)).toEqual([IDS[2], IDS[0]]);
  });

  it('seals every ballot of an award to the same length, however many preferences it ranks', () => {
    const lengths = new Set([[IDS[0]], [IDS[1], IDS[0]], IDS].map((c) => seal.seal(AWARD, c, IDS.length).length));
    expect(lengths.size).toBe(1);
  });

  it('refuses a ballot moved to another award, or sealed under another secret', () => {
    const sealed = seal.seal(AWARD, [IDS[0]], IDS.length);
    expect(() => seal.open(OTHER_AWARD, sealed)).toThrow();
    const other = new BallotSeal(
      new KeyRing(loadConfig({}, { masterSecret: 'another-secret-another-secret-another-secret' })),
    );
    expect(() => other.open(AWARD, sealed)).toThrow();
  });
});
