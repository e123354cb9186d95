import { waitAfterFailure } from './login-throttle.js';

describe('waitAfterFailure', () => {
  it('lets the free failures through, then doubles the wait up to 15 minutes', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => waitAfterFailure(n, 3));
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16]);
    expect(waitAfterFailure(40, 3)).toBe(900);
    expect(waitAfterFailure(1000, 3)).toBe(900);
  });
});
