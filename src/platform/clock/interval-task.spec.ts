import { jest } from '@jest/globals';
import { IntervalTask } from './interval-task.js';

describe('IntervalTask', () => {
  const quietLogger = () => ({ warn: jest.fn() });

  it('skips a pass asked for while one is running, and runs the next one after it', async () => {
    let release!: () => void;
    let passes = 0;
    const task = new IntervalTask(
      'Sweep',
      () => {
        passes += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      quietLogger(),
    );
    const first = task.runOnce();
    await task.runOnce();
    expect(passes).toBe(1);
    release();
    await first;
    const second = task.runOnce();
    release();
    await second;
    expect(passes).toBe(2);
  });

  it('logs a failed pass and lets the next one run', async () => {
    const logger = quietLogger();
    const failure = new Error('database went away');
    let fail = true;
    let succeeded = 0;
    const task = new IntervalTask(
      'Sweep',
      async () => {
        if (fail) throw failure;
        succeeded += 1;
      },
      logger,
    );
    await expect(task.runOnce()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith({ err: failure }, 'Sweep failed; will try again');
    fail = false;
    await task.runOnce();
    expect(succeeded).toBe(1);
  });

  it('runs on its timer until stopped', async () => {
    jest.useFakeTimers();
    try {
      let passes = 0;
      const task = new IntervalTask('Sweep', async () => void (passes += 1), quietLogger());
      task.start(1_000);
      await jest.advanceTimersByTimeAsync(3_500);
      expect(passes).toBe(3);
      task.stop();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(passes).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
