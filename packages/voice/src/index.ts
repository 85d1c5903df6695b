/** @packageDocumentation The public surface of @bw/voice. */
export const packageName = '@bw/voice';
