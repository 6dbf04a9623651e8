import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert seen.counter() == 3 && seen.status() == 'RUNNING'
def log = it.buildLog()
assert log =~ /health-check\s+failed\s+\d+ ms\s+health check health replied \("broken"\), expected \("ok"\)/
assert log.contains("The canister ${ItCanister.CANISTER_ID} was restored from snapshot ${ItCanister.CANISTER_ID}-0")
def report = it.report()
assert report.outcome() == 'RESTORED'
assert report.steps().takeRight(2) == ['health-check=FAILED', 'restore=OK']
return true
