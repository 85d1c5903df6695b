/** @packageDocumentation The public surface of @bw/sdk. */
export const packageName = '@bw/sdk';
