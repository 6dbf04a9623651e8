import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def canister = it.inspect()
def log = it.buildLog()
def id = ItCanister.CANISTER_ID
// The trap comes from Motoko's runtime, run by the embedded replica during install_code.
assert log =~ /install\s+failed .*Memory-incompatible program upgrade/
assert log.contains("The canister ${id} was restored from snapshot ${id}-0")
assert canister.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'motoko/counter.wasm'))
assert canister.counter() == 2
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 1
def report = it.report()
assert report.outcome() == 'RESTORED'
assert report.steps().takeRight(2) == ['install=FAILED', 'restore=OK']
return true
