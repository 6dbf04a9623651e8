import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
def ids = (0..2).collect { ItCanister.canisterId(it) }
def log = it.buildLog()
(0..2).each { i ->
    def canister = it.inspect(ids[i])
    assert canister.moduleHash() == v1
    assert canister.counter() == i + 1
    assert canister.status() == 'RUNNING'
    assert canister.snapshots() == 1
}
// Reverse order: the third is restored first, the first last.
def restores = ids.collect { id -> log.indexOf("${id}: loaded") }
assert restores.every { it > 0 }
assert restores[2] < restores[1] && restores[1] < restores[0]
assert log.contains("Upgrade of ${ids[2]} failed at install")
def report = it.report("upgrade-${ids.join('+')}")
assert report.outcome() == 'RESTORED'
assert report.canisterOutcomes() == ['RESTORED'] * 3
assert report.canisterSteps().collect { it.takeRight(2) } == [['install=OK', 'restore=OK'], ['install=OK', 'restore=OK'], ['install=FAILED', 'restore=OK']]
assert !new File(basedir, 'target/ic/upgrade-journal.json').exists()
return true
