import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
assert seen.counter() == 3 && seen.status() == 'RUNNING'
assert seen.snapshots() == 10 : 'no snapshot was replaced'
assert it.buildLog().contains("${ItCanister.CANISTER_ID} has reached the snapshot limit (10 of 10 snapshots): noOverwrite forbids replacing one")
def report = it.report()
assert report.outcome() == 'REFUSED' && report.steps() == ['preflight=FAILED']
return true
