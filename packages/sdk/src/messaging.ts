/**
 * @packageDocumentation
 * Everything `@bw/messaging` and `@bw/messaging/callbacks` export, in one module: the `messaging`
 * namespace of `@bw/sdk`, also importable as `@bw/sdk/messaging`.
 */
export * from '@bw/messaging';
export * from '@bw/messaging/callbacks';
