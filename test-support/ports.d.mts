/**
 * A loopback port nothing listens on, outside the range `listen(0)` draws from (so no server
 * started meanwhile takes it), checked to refuse a connection now.
 */
export function refusedPort(): Promise<number>;
