import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
assert seen.counter() == 3 && seen.status() == 'RUNNING'
assert seen.snapshots() == 1 : 'the old snapshot was replaced, not kept beside the new one'
assert it.buildLog().contains("took ${ItCanister.CANISTER_ID}-1, replacing ${ItCanister.CANISTER_ID}-0")
assert it.report().outcome() == 'UPGRADED'
return true
