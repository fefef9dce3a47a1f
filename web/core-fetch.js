// core-fetch.js - where the page's bundles get the core's binary. Served
// over http(s), it is web/gen/lrp-core.wasm, beside the bundle, compiled
// while it streams in (off the main thread, and cached by the browser).
// Where nothing may be fetched (a page opened from file://, a sandboxed
// iframe: an opaque origin), or the fetch fails, the same bytes come from
// web/gen/lrp-core-wasm.js, a classic script that sets self.lrpCoreWasm to
// their base64: a script loads wherever the bundle itself did, under the
// same Content-Security-Policy.

import { BUNDLE_URL as BASE, loadScript } from './bundle-url.js';

const canFetch = () => self.origin !== 'null' && /^https?:/.test(BASE) && typeof fetch === 'function';

// The module, compiled as the binary streams in; started once, by web/boot.js
// or here, whichever runs first. null where that fails.
function compiled() {
  self.lrpCoreCompiling ??= (async () => {
    const response = await fetch(new URL('lrp-core.wasm', BASE));
    if (!response.ok) throw new Error(`lrp-core.wasm: HTTP ${response.status}`);
    // streaming compilation needs the wasm content type; a host without it
    // still serves the bytes
    if (response.headers.get('content-type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
    return WebAssembly.compile(await response.arrayBuffer());
  })().catch(() => null);
  return self.lrpCoreCompiling;
}

async function fromScript(imports) {
  if (!self.lrpCoreWasm) await loadScript('lrp-core-wasm.js');
  const text = atob(self.lrpCoreWasm);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return (await WebAssembly.instantiate(bytes, imports)).instance;
}

// A source for web/wasm.js's instantiate(): the module compiled as it
// streamed in, else the script's bytes (e.g. a host that refuses .wasm).
export async function fetchedSource(imports) {
  const module = canFetch() ? await compiled() : null;
  if (module) return WebAssembly.instantiate(module, imports);
  return fromScript(imports);
}
