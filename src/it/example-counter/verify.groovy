// What the README promises the example shows: a canister created with v1, upgraded to v2, a broken v3 rolled back.
def log = new File(basedir, 'build.log').text
def hash = { name -> io.github.icmaven.it.ItCanister.sha256Hex(new File(canistersDir, name)) }

assert log =~ /create\s+ok .* module ${hash('counter-v1.wasm')} installed/
assert log =~ /health-check ok .*version replied \("v2"\)/
assert log.contains("Upgraded rwlgt-iiaaa-aaaaa-aaaaa-cai from ${hash('counter-v1.wasm')} to ${hash('counter-v2.wasm')}")
assert log =~ /install\s+failed .*post_upgrade failed on purpose/
assert log =~ /restore\s+ok .*module ${hash('counter-v2.wasm')}, running/
assert log.contains('The build goes on (failOnRollback is false)')
assert log =~ /running\s+\[INFO\]\s+module hash: ${hash('counter-v2.wasm')}/
assert log.contains('BUILD SUCCESS')
return true
