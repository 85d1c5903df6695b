/** @packageDocumentation The public surface of @bw/core. */
export const packageName = '@bw/core';
