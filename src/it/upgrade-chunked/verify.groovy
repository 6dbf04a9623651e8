import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def big = new File(basedir, 'target/big.wasm')
assert big.length() > 2 * 1024 * 1024 : 'the module is past the 2 MiB ingress limit'
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(big)
assert seen.counter() == 3 && seen.status() == 'RUNNING' && seen.snapshots() == 1
assert it.buildLog() =~ /install\s+ok\s+\d+ ms\s+${big.length()} bytes in 3 chunks/
assert it.report().outcome() == 'UPGRADED'
return true
