/** @packageDocumentation The public surface of @bw/messaging. */
export const packageName = '@bw/messaging';
