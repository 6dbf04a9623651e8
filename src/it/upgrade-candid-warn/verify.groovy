import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
def seen = canister.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v2-incompatible.wasm'))
assert seen.counter() == 3
assert seen.status() == 'RUNNING'
assert seen.snapshots() == 1
assert log.readLines().any { it.startsWith('[WARNING]') && it.contains('method set changed from (nat64) -> () to (int64) -> ()') && it.contains('Upgrading anyway') }
assert canister.report().outcome() == 'UPGRADED'
return true
