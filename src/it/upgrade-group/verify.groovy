import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def v2 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
def report = new File(basedir, "target/ic/upgrade-${(0..2).collect { ItCanister.canisterId(it) }.join('+')}-latest.json").text
(0..2).each { i ->
    def canister = it.inspect(ItCanister.canisterId(i))
    assert canister.moduleHash() == v2
    assert canister.counter() == i + 1
    assert canister.status() == 'RUNNING'
    assert canister.snapshots() == 1
}
assert it.buildLog().contains('health replied ("ok")')
assert report =~ /"outcome"\s*:\s*"UPGRADED"/
// In parallel (the default) each step is still one whole log line naming its canister.
def stepLines = it.buildLog().readLines().findAll { it =~ / (stop|snapshot|install|start|verify) +(ok|skipped|failed) +\d+ ms / }
assert stepLines.size() == 15
stepLines.each { line -> assert line =~ /^\[INFO\] (stop|snapshot|install|start|verify) +ok +\d+ ms  \S+-cai: \S/ }
assert !new File(basedir, 'target/ic/upgrade-journal.json').exists()
return true
