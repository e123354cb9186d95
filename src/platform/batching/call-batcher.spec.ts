import { CallBatcher } from './call-batcher.js';

/** A batch function that records its batches and answers when told to. */
function controlledBatches() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const run = (inputs: number[]): Promise<number[]> => {
    batches.push(inputs);
    return new Promise((resolve) => releases.push(() => resolve(inputs.map((n) => n * 10))));
  };
  return { batches, releases, run };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('CallBatcher', () => {
  it('runs a lone call on its own and answers its output', async () => {
    const batcher = new CallBatcher((inputs: number[]) => Promise.resolve(inputs.map((n) => n + 1)), {
      maxBatch: 10,
      maxConcurrentBatches: 1,
    });
    await expect(batcher.call(41)).resolves.toBe(42);
  });

  it('gathers calls made while a batch runs into the next batch, answering each its own output', async () => {
    const { batches, releases, run } = controlledBatches();
    const batcher = new CallBatcher(run, { maxBatch: 100, maxConcurrentBatches: 1 });
    const first = batcher.call(1);
    await nextTurn();
    const rest = [2, 3, 4, 5].map((n) => batcher.call(n));
    await nextTurn();
    expect(batches).toEqual([[1]]); // The others wait for the running batch.
    releases[0]();
    await expect(first).resolves.toBe(10);
    await nextTurn();
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    releases[1]();
    await expect(Promise.all(rest)).resolves.toEqual([20, 30, 40, 50]);
  });

  it('keeps batches within maxBatch and runs up to maxConcurrentBatches at once', async () => {
    const { batches, releases, run } = controlledBatches();
    const batcher = new CallBatcher(run, { maxBatch: 2, maxConcurrentBatches: 2 });
    const calls = [1, 2, 3, 4, 5].map((n) => batcher.call(n));
    await nextTurn();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    releases[0]();
    await nextTurn();
    await nextTurn();
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    releases[1]();
    releases[2]();
    await expect(Promise.all(calls)).resolves.toEqual([10, 20, 30, 40, 50]);
  });

  it('runs each call of a failed batch again alone, so only the bad input fails', async () => {
    const seen: number[][] = [];
    const batcher = new CallBatcher(
      (inputs: number[]) => {
        seen.push(inputs);
        return inputs.includes(13) ? Promise.reject(new Error('unlucky')) : Promise.resolve(inputs);
      },
      { maxBatch: 10, maxConcurrentBatches: 1 },
    );
    const results = await Promise.allSettled([12, 13, 14].map((n) => batcher.call(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('fails the calls when a batch answers the wrong number of outputs', async () => {
    const batcher = new CallBatcher((): Promise<number[]> => Promise.resolve([]), {
      maxBatch: 10,
      maxConcurrentBatches: 1,
    });
    await expect(batcher.call(1)).rejects.toThrow('A batch of 1 calls answered 0 results');
  });
});
