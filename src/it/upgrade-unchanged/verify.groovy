import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
assert canister.buildLog().contains("${ItCanister.CANISTER_ID} already runs this module (${ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))}); nothing to do")
canister.assertUntouched(new File(canistersDir))
def report = canister.report()
assert report.outcome() == 'UNCHANGED' && report.steps() == ['preflight=OK']
return true
