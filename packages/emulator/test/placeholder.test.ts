import { expect, test } from 'vitest';
import { packageName } from '../src/index';

test('names itself', () => {
  expect(packageName).toBe('@bw/emulator');
});
