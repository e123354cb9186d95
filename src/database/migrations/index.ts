import { Foundation1764000000000 } from './1764000000000-foundation.js';

/** Every migration in order; a new one is added here as well as in its file. */
export const MIGRATIONS = [Foundation1764000000000];
