// Loads every package with import() in whatever runtime runs this file and prints, as one JSON
// line, the names each package exports. The ESM twin of probe.cjs.
const names = JSON.parse(globalThis.process?.argv?.[2] ?? '[]');
const runtime = globalThis.Bun ? 'bun' : globalThis.Deno ? 'deno' : 'node';
const result = { system: 'import', runtime, packages: {}, errors: {} };
for (const name of names) {
  try {
    const loaded = await import(name);
    result.packages[name] = Object.keys(loaded)
      .filter((key) => key !== '__esModule' && key !== 'default')
      .sort();
  } catch (error) {
    result.errors[name] = String(error?.stack ?? error);
  }
}
console.log(`BW_SMOKE_RESULT ${JSON.stringify(result)}`);
