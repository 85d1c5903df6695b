// rate-limiter-flexible's index loads every store it supports (Postgres, SQLite, Mongo …); the
// in-memory queue imports only the memory limiter, under the library's own types.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import type { RateLimiterMemory } from 'rate-limiter-flexible';

  const RateLimiterMemoryClass: typeof RateLimiterMemory;
  export default RateLimiterMemoryClass;
}
