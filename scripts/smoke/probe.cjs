// Loads every package with require() in whatever runtime runs this file and prints, as one JSON
// line, the names each package exports. Written in CommonJS on purpose: it is the CJS consumer.
const names = JSON.parse(process.argv[2] ?? '[]');
const runtime = globalThis.Bun ? 'bun' : globalThis.Deno ? 'deno' : 'node';
const result = { system: 'require', runtime, packages: {}, errors: {} };
for (const name of names) {
  try {
    const loaded = require(name);
    result.packages[name] = Object.keys(loaded)
      .filter((key) => key !== '__esModule' && key !== 'default')
      .sort();
  } catch (error) {
    result.errors[name] = String(error?.stack ?? error);
  }
}
console.log(`BW_SMOKE_RESULT ${JSON.stringify(result)}`);
