import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
def v2 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
it.assertUntouched(new File(canistersDir))
assert it.buildLog().contains("Dry run: ${ItCanister.CANISTER_ID} would be upgraded from ${v1} to ${v2}")
def report = it.report()
assert report.outcome() == 'DRY_RUN' && report.steps() == ['preflight=OK']
return true
