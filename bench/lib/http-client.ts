/**
 * A lean keep-alive HTTP client for benchmarks that load one route from many callers. On
 * this 2-core machine the load generator shares the cores with the server under test;
 * node:http with a fixed pool of sockets costs about half the CPU per request of fetch().
 * Built-ins only (Node runs this file directly).
 */
import { Agent, request } from 'node:http';

export interface JsonClient {
  /** POSTs `body` as JSON and answers the status once the response has been read to its end. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<number>;
  close(): void;
}

export function jsonClient(base: string, sockets: number): JsonClient {
  const origin = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post: (path, body, headers = {}) =>
      new Promise((resolve, reject) => {
        const payload = JSON.stringify(body);
        const req = request(
          {
            agent,
            host: origin.hostname,
            port: origin.port,
            method: 'POST',
            path,
            headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (response) => {
            response.on('data', () => undefined);
            response.on('end', () => resolve(response.statusCode ?? 0));
            response.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => agent.destroy(),
  };
}
