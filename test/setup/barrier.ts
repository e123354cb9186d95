/**
 * Holds each caller until `parties` have arrived (or `timeoutMs` has passed), so a control run's
 * racing callers all read before any of them writes, as they can on a loaded machine. A fixed
 * pause does not: under CI load a slow start read after the first writer had committed, and the
 * race the control run exists to show did not happen.
 */
export class Barrier {
  private arrived = 0;
  private release!: () => void;
  private readonly everyone = new Promise<void>((resolve) => (this.release = resolve));

  constructor(
    private readonly parties: number,
    private readonly timeoutMs = 3_000,
  ) {}

  async arrive(): Promise<void> {
    this.arrived += 1;
    if (this.arrived >= this.parties) this.release();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.timeoutMs)));
    await Promise.race([this.everyone, timeout]);
    clearTimeout(timer);
  }
}
