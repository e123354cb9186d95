import 'reflect-metadata';
import { bootstrap, exitOnStartupFailure } from './app/bootstrap.js';

/** The HTTP API; with PROCESS_ROLE=all (the default) also the queue worker. */
bootstrap().catch(exitOnStartupFailure);
