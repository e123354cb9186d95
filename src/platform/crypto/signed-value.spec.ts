import { KeyRing } from './key-ring.js';
import { SignedValues } from './signed-value.js';

const ring = (masterSecret: string, masterKeyId = 'k1', previousMasterSecrets?: string) =>
  new KeyRing({ masterSecret, masterKeyId, previousMasterSecrets });
const first = 'first-secret-first-secret-first-secret';
const second = 'second-secret-second-secret-second-secret';
const id = '0b7c7d0e-2f57-4a3e-9a51-6c1a3b1f2d4e';

describe('SignedValues', () => {
  it('verifies its own tokens and nothing altered', () => {
    const signer = new SignedValues(ring(first), 'reminder-opt-out');
    const token = signer.sign(id);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(signer.verify(token)).toBe(id);
    expect(signer.verify(token.replace(id, id.replace('0b', '1b')))).toBeUndefined();
    expect(signer.verify(`${token}x`)).toBeUndefined();
    expect(signer.verify(id)).toBeUndefined();
    expect(signer.verify('')).toBeUndefined();
  });

  it('refuses a token made for another purpose or under an unknown secret', () => {
    const token = new SignedValues(ring(first), 'reminder-opt-out').sign(id);
    expect(new SignedValues(ring(first), 'flash').verify(token)).toBeUndefined();
    expect(new SignedValues(ring(second), 'reminder-opt-out').verify(token)).toBeUndefined();
  });

  it('still verifies a token signed before the master secret was rotated', () => {
    const token = new SignedValues(ring(first), 'reminder-opt-out').sign(id);
    const rotated = ring(second, 'k2', `k1:${first}`);
    expect(new SignedValues(rotated, 'reminder-opt-out').verify(token)).toBe(id);
  });
});
