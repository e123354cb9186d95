/** Services stay up between runs (npm run services:stop stops them); each file drops its own database. */
export default async function globalTeardown(): Promise<void> {}
