import { readdirSync, readFileSync } from 'node:fs';
import { BaseClient } from '@bw/core';
import { expect, test } from 'vitest';
import { VoiceClient } from '../../src/index';

/** Every public method of VoiceClient, walking its class chain down to the core base class. */
function voiceMethods(): string[] {
  const names = new Set<string>();
  for (
    let prototype: object | null = VoiceClient.prototype;
    prototype && prototype !== BaseClient.prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

test('every one of the 64 VoiceClient methods is called by a test that runs against the emulator', () => {
  const methods = voiceMethods();
  expect(methods).toHaveLength(64);
  const directory = new URL('.', import.meta.url);
  const sources = readdirSync(directory)
    .filter((file) => file.endsWith('.emulator.test.ts') && !file.startsWith('coverage'))
    .map((file) => readFileSync(new URL(file, directory), 'utf8'))
    .join('\n');
  const untested = methods.filter((name) => !sources.includes(`client.${name}(`));
  expect(untested).toEqual([]);
});
