import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
// The build fails on one line naming what to change, before touching the canister.
assert canister.buildLog() =~ /\[ERROR\] Failed to execute goal \S+:upgrade \(upgrade\) on project bad-input-not-wasm: <wasm> \(ic\.wasm\): \S+\/pom\.xml is not a WebAssembly module/
def report = canister.report()
assert report.outcome() == 'REFUSED' && report.steps() == ['preflight=FAILED']
canister.assertUntouched(new File(canistersDir))
return true
