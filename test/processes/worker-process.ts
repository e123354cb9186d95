import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../../src/platform/config/app-config.js';
import { envName } from '../../src/platform/config/app-config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A real worker process (src/worker.ts run from source) with the given config, for
 * tests that kill it. Output is kept for the failure message.
 */
export class WorkerProcess {
  private child?: ChildProcess;
  output = '';

  constructor(private readonly config: Partial<AppConfig>) {}

  start(): void {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', TZ: 'UTC' };
    for (const [field, value] of Object.entries(this.config))
      if (value !== undefined) env[envName(field)] = String(value);
    this.child = spawn(process.execPath, ['--import', './test/processes/register-ts.mjs', 'src/worker.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  /** SIGKILL: no shutdown hooks, no chance to mark what it was sending. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

/** A private redis-server without persistence, so a test may flush or restart it. */
export class RedisProcess {
  private child?: ChildProcess;
  readonly port = 20_000 + Math.floor(Math.random() * 20_000);

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const { Redis } = await import('ioredis');
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    probe.disconnect();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
