export interface CallBatcherOptions {
  /** The most calls one batch takes. */
  maxBatch: number;
  /** Batches running at once; calls made meanwhile wait and go together in the next batch. */
  maxConcurrentBatches: number;
}

interface PendingCall<Input, Output> {
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for single-row statements. A call made while the process is idle runs on
 * the next turn of the event loop, alone or with whatever else arrived in that turn; calls
 * made while `maxConcurrentBatches` batches are running are gathered and run together as
 * the next batch. Under load N concurrent calls cost a handful of statements (parse, plan,
 * commit and a round trip each) instead of N, and a lone call waits no longer than before.
 *
 * `runBatch` answers one output per input, in input order. When a batch of several fails,
 * each of its calls is run again alone, so one bad input (or a deadlock) fails only its own
 * call.
 */
export class CallBatcher<Input, Output> {
  private pending: Array<PendingCall<Input, Output>> = [];
  private running = 0;
  private flushScheduled = false;

  constructor(
    private readonly runBatch: (inputs: Input[]) => Promise<Output[]>,
    private readonly options: CallBatcherOptions,
  ) {
    if (options.maxBatch < 1 || options.maxConcurrentBatches < 1) {
      throw new Error('A CallBatcher needs maxBatch and maxConcurrentBatches of at least 1');
    }
  }

  call(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.pending.length === 0 || this.running >= this.options.maxConcurrentBatches) return;
    this.flushScheduled = true;
    // setImmediate rather than a microtask: calls started by other I/O of the same loop turn join the batch.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.running < this.options.maxConcurrentBatches && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      this.running += 1;
      void this.settle(batch).finally(() => {
        this.running -= 1;
        this.scheduleFlush();
      });
    }
  }

  private async settle(batch: Array<PendingCall<Input, Output>>): Promise<void> {
    try {
      const outputs = await this.runOnce(batch.map((call) => call.input));
      batch.forEach((call, i) => call.resolve(outputs[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      await Promise.all(batch.map((call) => this.settle([call])));
    }
  }

  private async runOnce(inputs: Input[]): Promise<Output[]> {
    const outputs = await this.runBatch(inputs);
    if (outputs.length !== inputs.length) {
      throw new Error(`A batch of ${inputs.length} calls answered ${outputs.length} results`);
    }
    return outputs;
  }
}
