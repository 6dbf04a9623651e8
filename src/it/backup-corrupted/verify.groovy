import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
assert log =~ /\[ERROR\].*<backupDirectory> \(ic\.backupDirectory\): .*stable_memory\.bin does not match its SHA-256/
assert !(log =~ /upload\s+ok/)
def seen = canister.inspect()
assert seen.snapshots() == 1 : 'no snapshot was created: only the one taken before the build'
assert seen.counter() == 3 && seen.status() == 'RUNNING'
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
return true
