import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { COMPRESSION_THRESHOLD } from './content-encoding.js';

/**
 * Compresses responses above COMPRESSION_THRESHOLD on the fly (brotli or gzip, by
 * Accept-Encoding). A reply that already carries a Content-Encoding (the agenda's
 * pre-compressed bodies) is left as it is; a streamed export is compressed as it streams;
 * event streams (text/event-stream) and already-compressed files (XLSX, ZIP) are not touched.
 */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESSION_THRESHOLD,
    encodings: ['br', 'gzip'],
  });
}
