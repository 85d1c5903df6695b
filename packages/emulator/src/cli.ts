#!/usr/bin/env node
console.log('bw-emulator: coming soon');
