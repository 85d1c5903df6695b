/**
 * @packageDocumentation
 * BXML (Bandwidth XML) for voice apps: build documents as plain values, write them as XML, read
 * XML back into the same values, and validate either. No dependencies; runs in any JavaScript
 * runtime.
 */
export type * from './attributes';
export * from './builders';
export { BxmlError, type BxmlProblem } from './errors';
export { BxmlBuilder } from './fluent';
export { validateBxml } from './validate';
export type * from './verbs';
export { type BxmlVisitor, walkBxml } from './walk';
export { BXML_MAX_BYTES } from './write';
export { parseBxml, type ToXmlOptions, toXml } from './xml';
