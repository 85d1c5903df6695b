/**
 * @packageDocumentation ky, built into `dist/ky.js` and `dist/ky.cjs`: the implementation imports
 * it from there by relative path (see `tsup.config.ts`), so it loads as one module.
 */
export { default } from 'ky';
