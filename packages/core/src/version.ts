/** The version of `@bw/core`, sent in the `User-Agent` header as `bw-typescript/<VERSION>`. */
export const VERSION = '0.1.0';
