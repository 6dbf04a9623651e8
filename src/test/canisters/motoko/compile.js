#!/usr/bin/env node
// Compile the Motoko fixtures with the npm package `motoko` (moc as JS/wasm) and check the output.
// usage: node compile.js MOTOKO_PACKAGE_DIR   (the folder holding node_modules/motoko)
'use strict';
const fs = require('fs');
const path = require('path');

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: node compile.js MOTOKO_PACKAGE_DIR');
  process.exit(2);
}
const mo = require(path.resolve(pkgDir, 'node_modules', 'motoko'));
const here = __dirname;
// Like `moc --public-metadata candid:service`: icp-cli and agents read the interface without being a controller.
mo.setPublicMetadata(['candid:service']);

function uleb(buf, pos) {
  let result = 0, shift = 0, b;
  do { b = buf[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [result, pos];
}

// Returns { customSections: [name...], memory64: bool } of a wasm binary.
function inspect(wasm) {
  if (wasm.readUInt32BE(0) !== 0x0061736d) throw new Error('not a wasm module');
  const customSections = [];
  let memory64 = false;
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos++];
    let size;
    [size, pos] = uleb(wasm, pos);
    const end = pos + size;
    if (id === 0) {
      let [len, p] = uleb(wasm, pos);
      customSections.push(wasm.subarray(p, p + len).toString('utf8'));
    } else if (id === 5) { // memory section: vec(limits); flag bit 0x04 = 64-bit index type
      let [count, p] = uleb(wasm, pos);
      for (let i = 0; i < count; i++) {
        if (wasm[p] & 0x04) memory64 = true;
        break; // one memory is enough to decide
      }
    }
    pos = end;
  }
  return { customSections, memory64 };
}

let ok = true;
// [source, output, classic]: classic = Motoko's classic orthogonal persistence (wasm32, no EOP section),
// built only for the execution benchmark's comparison; compiled last because the flag stays set.
for (const [src, out, classic] of [['counter.mo', 'counter.wasm', false], ['counter-v2.mo', 'counter-v2.wasm', false],
    ['counter-v3.mo', 'counter-v3.wasm', false], ['counter.mo', 'counter-classic.wasm', true]]) {
  if (classic) mo.compiler.gcFlags('classicOP');
  mo.write(src, fs.readFileSync(path.join(here, src), 'utf8'));
  const result = mo.wasm(src, 'ic');
  const wasm = Buffer.from(result.wasm);
  fs.writeFileSync(path.join(here, out), wasm);
  const info = inspect(wasm);
  const eop = info.customSections.includes('icp:private enhanced-orthogonal-persistence');
  const candid = info.customSections.includes('icp:public candid:service');
  console.log(`${src} -> ${out}: ${wasm.length} bytes, memory64=${info.memory64}, ` +
    `custom sections: ${info.customSections.join(', ')}`);
  if (classic ? (eop || info.memory64) : (!eop || !info.memory64 || !candid)) {
    console.error(classic ? `${out}: expected wasm32 without the EOP section`
      : `${out}: expected memory64, 'icp:private enhanced-orthogonal-persistence' and 'icp:public candid:service'`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
