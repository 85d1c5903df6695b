/** @packageDocumentation The public surface of @bw/account. */
export const packageName = '@bw/account';
