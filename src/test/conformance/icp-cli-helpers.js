#!/usr/bin/env node
// Small helpers for icp-cli.sh (Node >= 18, no dependencies).
//   subnet-id URL              GET URL/api/v2/status, print self_authenticating(root_key) as text
//   principal-of-der HEX       print self_authenticating(DER public key) as text
//   pad-wasm IN OUT BYTES      copy a wasm module, appending a custom section of BYTES random bytes
//   json EXPR                  read JSON from stdin, print the value of the JS expression EXPR over `j`
'use strict';
const crypto = require('crypto');
const fs = require('fs');

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function base32(buf) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0, value = 0, out = '';
  for (const b of buf) {
    value = (value << 8) | b; bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function principalText(bytes) {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(bytes));
  const s = base32(Buffer.concat([crc, bytes]));
  return s.match(/.{1,5}/g).join('-');
}

function selfAuthenticating(der) {
  const h = crypto.createHash('sha224').update(der).digest();
  return principalText(Buffer.concat([h, Buffer.from([0x02])]));
}

// Minimal CBOR decoder: definite and indefinite lengths, tags skipped, byte strings as Buffer.
function cborDecode(buf) {
  let pos = 0;
  function readLen(info) {
    if (info < 24) return info;
    if (info === 24) return buf[pos++];
    if (info === 25) { const v = buf.readUInt16BE(pos); pos += 2; return v; }
    if (info === 26) { const v = buf.readUInt32BE(pos); pos += 4; return v; }
    if (info === 27) { const v = Number(buf.readBigUInt64BE(pos)); pos += 8; return v; }
    if (info === 31) return -1;
    throw new Error('bad CBOR length ' + info);
  }
  function item() {
    const ib = buf[pos++], major = ib >> 5, info = ib & 31;
    if (major === 7) {
      if (info === 20) return false; if (info === 21) return true;
      if (info === 22 || info === 23) return null;
      if (info === 31) return BREAK;
      if (info === 25) { pos += 2; return 0; } if (info === 26) { const v = buf.readFloatBE(pos); pos += 4; return v; }
      if (info === 27) { const v = buf.readDoubleBE(pos); pos += 8; return v; }
      return info;
    }
    const len = readLen(info);
    switch (major) {
      case 0: return len;
      case 1: return -1 - len;
      case 2: case 3: {
        let data;
        if (len < 0) { const parts = []; for (let p; (p = item()) !== BREAK;) parts.push(Buffer.from(p)); data = Buffer.concat(parts); }
        else { data = buf.subarray(pos, pos + len); pos += len; }
        return major === 2 ? Buffer.from(data) : data.toString('utf8');
      }
      case 4: { const a = []; if (len < 0) { for (let v; (v = item()) !== BREAK;) a.push(v); } else for (let i = 0; i < len; i++) a.push(item()); return a; }
      case 5: { const m = {}; const one = () => { const k = item(); if (k === BREAK) return false; m[String(k)] = item(); return true; };
        if (len < 0) { while (one()); } else for (let i = 0; i < len; i++) one(); return m; }
      case 6: return item();
    }
    throw new Error('bad CBOR major ' + major);
  }
  const BREAK = Symbol('break');
  return item();
}

function uleb(n) {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n > 0) b |= 0x80; out.push(b); } while (n > 0);
  return Buffer.from(out);
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === 'subnet-id') {
    const url = args[0].replace(/\/+$/, '') + '/api/v2/status';
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    const status = cborDecode(Buffer.from(await res.arrayBuffer()));
    if (!status || !Buffer.isBuffer(status.root_key)) throw new Error('no root_key in /api/v2/status');
    console.log(selfAuthenticating(status.root_key));
  } else if (cmd === 'principal-of-der') {
    console.log(selfAuthenticating(Buffer.from(args[0], 'hex')));
  } else if (cmd === 'pad-wasm') {
    const [input, output, size] = args;
    const wasm = fs.readFileSync(input);
    if (wasm.readUInt32BE(0) !== 0x0061736d) throw new Error(input + ' is not a wasm module');
    const name = Buffer.from('conformance-padding');
    const payload = Buffer.concat([uleb(name.length), name, crypto.randomBytes(Number(size))]);
    fs.writeFileSync(output, Buffer.concat([wasm, Buffer.from([0]), uleb(payload.length), payload]));
  } else if (cmd === 'json') {
    const j = JSON.parse(fs.readFileSync(0, 'utf8'));
    const v = Function('j', '"use strict"; return (' + args[0] + ');')(j);
    if (v === undefined || v === null) console.log('');
    else console.log(typeof v === 'string' ? v : JSON.stringify(v));
  } else {
    console.error('usage: icp-cli-helpers.js subnet-id URL | principal-of-der HEX | pad-wasm IN OUT BYTES | json EXPR');
    process.exit(2);
  }
}

main().catch((e) => { console.error(String(e && e.message || e)); process.exit(1); });
