import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert seen.counter() == 3 && seen.status() == 'RUNNING'
def log = it.buildLog()
assert log.contains("Canister called `ic0.trap` with message: 'post_upgrade failed on purpose'")
assert log.contains("The canister ${ItCanister.CANISTER_ID} was restored from snapshot ${ItCanister.CANISTER_ID}-0")
def report = it.report()
assert report.outcome() == 'RESTORED'
assert report.steps().takeRight(2) == ['install=FAILED', 'restore=OK']
return true
