import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
def seen = canister.inspect()
assert log.contains("uses enhanced orthogonal persistence: <wasmMemoryPersistence> (ic.wasmMemoryPersistence) = replace erases all of the canister's state")
assert log.contains('<allowMemoryWipe> (ic.allowMemoryWipe)')
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'motoko/counter.wasm'))
assert seen.status() == 'RUNNING'
assert seen.snapshots() == 0
assert !(log =~ /(?m)^\[INFO\] (.*: )?stop\s+ok/)
return true
