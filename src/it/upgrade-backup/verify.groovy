import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
def wasm = { name -> ItCanister.sha256Hex(new File(canistersDir, name)) }
def seen = canister.inspect()
assert log.contains('Upgraded ')
assert seen.moduleHash() == wasm('counter-v2.wasm') && seen.counter() == 3 && seen.status() == 'RUNNING'
assert seen.snapshots() == 1

// The upgrade's snapshot, rwlgt-iiaaa-aaaaa-aaaaa-cai-0, holds the state before the upgrade.
def backup = ItCanister.verifiedBackup(new File(basedir, 'target/backups/rwlgt-iiaaa-aaaaa-aaaaa-cai-0'))
assert backup.moduleHash() == wasm('counter-v1.wasm')
assert backup.counter() == 3
assert backup.stableMemoryBytes() == 41 * 65536
assert log =~ /(?s)snapshot\s+ok.*\n.*backup\s+ok\s+\d+ ms\s+downloaded rwlgt-iiaaa-aaaaa-aaaaa-cai-0.*\n.*install\s+ok/
def report = canister.report()
assert report.outcome() == 'UPGRADED' && report.steps().contains('backup=OK')
return true
