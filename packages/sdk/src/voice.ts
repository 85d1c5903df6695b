/**
 * @packageDocumentation
 * Everything `@bw/voice` and `@bw/voice/callbacks` export, in one module: the `voice` namespace of
 * `@bw/sdk`, also importable as `@bw/sdk/voice`.
 */
export * from '@bw/voice';
export * from '@bw/voice/callbacks';
