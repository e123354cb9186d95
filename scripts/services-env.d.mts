/** Types for services-env.mjs. */
export declare function findServices(): { databaseUrl: string; redisUrl: string };
