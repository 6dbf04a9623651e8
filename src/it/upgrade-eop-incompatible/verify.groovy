import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def canister = it.inspect()
def log = it.buildLog()
// The trap comes from Motoko's runtime, run by the embedded replica during install_code.
assert log.contains('Memory-incompatible program upgrade')
assert log.contains('restored from snapshot')
assert canister.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'motoko/counter.wasm'))
assert canister.counter() == 2
assert canister.status() == 'RUNNING'
assert it.report().outcome() == 'RESTORED'
return true
