import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def log = it.buildLog()
def canister = it.inspect()
assert log.contains('Found the journal of an upgrade interrupted')
assert log.contains('Its canisters were restored from their snapshots')
assert canister.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 1
assert !new File(basedir, 'target/ic/upgrade-journal.json').exists() : 'the journal is gone once recovered'
def report = it.report('recover')
assert report.outcome() == 'RESTORED' && report.steps() == ['restore=OK']
return true
