import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
def ids = (0..2).collect { ItCanister.canisterId(it) }
def log = it.buildLog()
// The canary: upgraded, failed its health check, restored from its snapshot.
def canary = it.inspect(ids[0])
assert canary.moduleHash() == v1
assert canary.counter() == 1
assert canary.status() == 'RUNNING'
assert canary.snapshots() == 1
assert log.contains("Upgrade of ${ids[0]} failed at health-check")
assert log.contains("${ids[0]}: loaded")
// The rest: never stopped nor snapshotted.
(1..2).each { i ->
    def canister = it.inspect(ids[i])
    assert canister.moduleHash() == v1
    assert canister.counter() == i + 1
    assert canister.status() == 'RUNNING'
    assert canister.snapshots() == 0
    assert !log.contains("${ids[i]}: stopped")
}
def report = it.report("upgrade-${ids.join('+')}")
assert report.canisterOutcomes() == ['RESTORED', 'CANCELLED', 'CANCELLED']
assert report.steps().takeRight(2) == ['health-check=FAILED', 'restore=OK']
assert !new File(basedir, 'target/ic/upgrade-journal.json').exists()
return true
