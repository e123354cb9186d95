/**
 * A seam through which a lower folder announces something and higher folders act on it,
 * so that imports keep pointing one way (see docs/floor-plan.md). Listeners run in the
 * order they registered; a listener's failure fails the announcement, so when the
 * announcement is made inside a transaction, that transaction rolls back.
 */
export class Hooks<Args extends unknown[]> {
  private readonly listeners: Array<(...args: Args) => Promise<void>> = [];

  register(listener: (...args: Args) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async announce(...args: Args): Promise<void> {
    for (const listener of this.listeners) await listener(...args);
  }
}
