import 'reflect-metadata';
import { bootstrap, exitOnStartupFailure } from './app/bootstrap.js';

/** The queue worker alone: delivers the outbox. Scale it out by running more of these. */
bootstrap({ processRole: 'worker' }).catch(exitOnStartupFailure);
