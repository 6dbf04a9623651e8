import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def log = it.buildLog()
def canister = it.inspect()
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
def v2 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
// First the interrupted upgrade is undone, then this build's upgrade runs.
def recovered = log.indexOf('Its canisters were restored from their snapshots')
assert log.contains('Found the journal of an upgrade interrupted') && recovered > 0
assert log.indexOf("Upgraded ${ItCanister.CANISTER_ID} from ${v1} to ${v2}") > recovered
assert canister.moduleHash() == v2
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 1 : "this upgrade's snapshot replaced the interrupted one's"
assert !new File(basedir, 'target/ic/upgrade-journal.json').exists()
assert it.report().outcome() == 'UPGRADED'
def report = new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text
assert report =~ /"recovery"\s*:\s*"The interrupted upgrade had not finished installing/
return true
