import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def v2 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
def ids = (0..2).collect { ItCanister.canisterId(it) }
(0..2).each { i ->
    def canister = it.inspect(ids[i])
    assert canister.moduleHash() == v2
    assert canister.counter() == i + 1
    assert canister.status() == 'RUNNING'
    assert canister.snapshots() == 1
}
// Only the second canister has a health check, and it ran.
assert it.buildLog() =~ /health-check\s+ok\s+\d+ ms\s+${ids[1]}: health replied \("ok"\)/
def report = it.report("upgrade-${ids.join('+')}")
assert report.outcome() == 'UPGRADED'
assert report.canisterOutcomes() == ['UPGRADED'] * 3
assert report.canisterSteps().collect { it.find { it.startsWith('health-check=') } } == ['health-check=SKIPPED', 'health-check=OK', 'health-check=SKIPPED']
// In parallel (the default) each step is still one whole log line naming its canister.
def stepLines = it.buildLog().readLines().findAll { it =~ / (stop|snapshot|install|start|verify) +(ok|skipped|failed) +\d+ ms / }
assert stepLines.size() == 15
stepLines.each { line -> assert line =~ /^\[INFO\] (stop|snapshot|install|start|verify) +ok +\d+ ms  \S+-cai: \S/ }
assert !new File(basedir, 'target/ic/upgrade-journal.json').exists()
return true
