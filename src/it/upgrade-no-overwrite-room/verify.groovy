import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
assert seen.counter() == 3 && seen.status() == 'RUNNING'
assert seen.snapshots() == 2 : 'with room left, noOverwrite keeps the old snapshot and adds one'
assert it.buildLog() =~ /snapshot\s+ok\s+\d+ ms\s+took ${ItCanister.CANISTER_ID}-1 \(/
assert it.report().outcome() == 'UPGRADED'
return true
