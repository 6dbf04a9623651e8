import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
def seen = canister.inspect()
assert log =~ /\[ERROR\] Failed to execute goal \S+:upgrade \(upgrade\) on project upgrade-eop-replace-refused: \S+ uses enhanced orthogonal persistence: <wasmMemoryPersistence> \(ic\.wasmMemoryPersistence\) = replace erases all of the canister's state .*set <allowMemoryWipe> \(ic\.allowMemoryWipe\) to wipe it on purpose/
// Refused before any change: same module, the counter (main memory) kept, still running, no snapshot taken.
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'motoko/counter.wasm'))
assert seen.counter() == 2
assert seen.status() == 'RUNNING'
assert seen.snapshots() == 0
assert !(log =~ /(?m)^\[INFO\] (.*: )?stop\s+ok/)
def report = canister.report()
assert report.outcome() == 'REFUSED' && report.steps() == ['preflight=FAILED']
return true
