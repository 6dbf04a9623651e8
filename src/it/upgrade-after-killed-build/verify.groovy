import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def log = it.buildLog()
def canister = it.inspect()
assert log.contains('Found the journal of an upgrade interrupted')
assert log.contains('Its canisters were restored from their snapshots')
assert log.contains('Upgraded ')
assert canister.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert !new File(basedir, 'target/ic/upgrade-journal.json').exists()
def report = new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text
assert report =~ /"recovery"\s*:\s*"The interrupted upgrade had not finished installing/
return true
