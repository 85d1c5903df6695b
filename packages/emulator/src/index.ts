/** @packageDocumentation The public surface of @bw/emulator. */
export const packageName = '@bw/emulator';
