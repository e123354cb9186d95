/**
 * Latency statistics and the concurrent-callers loop shared by the benchmarks (Node runs
 * this file directly: built-ins only).
 */
import { performance } from 'node:perf_hooks';

/** The p-th percentile (nearest rank) of ascending `sorted`; 0 when empty. */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export interface RunStats {
  ok: number;
  /** Count per outcome other than 'ok'. */
  failed: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * Runs `task` for every index 0..count-1 with `clients` callers in parallel and times each
 * call. A task answers 'ok' or names its failure; a thrown error counts as `error: …`.
 */
export async function runConcurrently(
  count: number,
  clients: number,
  task: (i: number) => Promise<string>,
): Promise<RunStats> {
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const outcome = await task(i).catch((error: unknown) => `error: ${String(error)}`);
        latencies.push(performance.now() - t0);
        if (outcome === 'ok') ok += 1;
        else failed[outcome] = (failed[outcome] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ok,
    failed,
    seconds,
    perSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** `kind×n, …` for a run's failures ('' when none). */
export const formatFailures = (failed: Record<string, number>): string =>
  Object.entries(failed)
    .map(([kind, n]) => `${kind}×${n}`)
    .join(', ');
