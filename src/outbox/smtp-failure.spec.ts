import { classifySendFailure, describeSendFailure, retryDelayMs } from './smtp-failure.js';

describe('classifySendFailure', () => {
  it('retries 4xx and dropped connections, gives up on 5xx', () => {
    expect(classifySendFailure({ responseCode: 421 })).toBe('retry');
    expect(classifySendFailure({ responseCode: 451 })).toBe('retry');
    expect(classifySendFailure({ code: 'ECONNRESET' })).toBe('retry');
    expect(classifySendFailure({ responseCode: 550 })).toBe('permanent');
  });
});

describe('describeSendFailure', () => {
  it('keeps the code and a single line', () => {
    const error = Object.assign(new Error('Mailbox unavailable\r\nmore'), { responseCode: 550 });
    expect(describeSendFailure(error)).toBe('SMTP 550: Mailbox unavailable more');
  });
});

describe('retryDelayMs', () => {
  it('doubles per attempt within jitter and is capped', () => {
    expect(retryDelayMs(1, 1000)).toBeGreaterThanOrEqual(900);
    expect(retryDelayMs(1, 1000)).toBeLessThanOrEqual(1100);
    expect(retryDelayMs(4, 1000)).toBeGreaterThanOrEqual(7200);
    expect(retryDelayMs(40, 1000)).toBeLessThanOrEqual(3_600_000);
  });
});
