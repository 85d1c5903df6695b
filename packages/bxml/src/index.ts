/** @packageDocumentation The public surface of @bw/bxml. */
export const packageName = '@bw/bxml';
