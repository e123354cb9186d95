import { classifySendFailure, describeSendFailure, retryDelayMs, sendFailureCode } from './smtp-failure.js';

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

  it('keeps no address the relay quotes', () => {
    const error = Object.assign(
      new Error(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <Ann.O+tag@Example.org>: Recipient address rejected; was ann@example.org",
      ),
      { responseCode: 550 },
    );
    const described = describeSendFailure(error);
    expect(described).not.toMatch(/@/);
    expect(described).toBe(
      "SMTP 550: Can't send mail - all recipients were rejected: 550 5.1.1 <<address>>: Recipient address rejected; was <address>",
    );
  });
});

describe('sendFailureCode', () => {
  it('gives the codes and none of the relay words', () => {
    const error = Object.assign(new Error('550 5.1.1 <ann@example.org>: unknown (Ann Example)'), { responseCode: 550 });
    expect(sendFailureCode(error)).toBe('SMTP 550 5.1.1');
    expect(sendFailureCode(Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(sendFailureCode(new TypeError('x of undefined'))).toBe('TypeError');
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
