// The WebAssembly binary inside a single-file Emscripten module.
import { readFileSync } from 'node:fs';

export function wasmBytes(mjsPath) {
  const text = readFileSync(mjsPath, 'utf8');
  const m = text.match(/data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/);
  if (!m) throw new Error(`no embedded wasm in ${mjsPath}`);
  return Buffer.from(m[1], 'base64');
}
