import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
// The build fails on one line naming what to change, before touching the canister.
assert canister.buildLog() =~ /\[ERROR\] Failed to execute goal \S+:upgrade \(upgrade\) on project bad-input-canister-id: <canisterId> \(ic\.canisterId\): 'not-a-canister' is not a canister id/
def report = canister.report('upgrade-not-a-canister')
assert report.outcome() == 'REFUSED' && report.steps() == ['preflight=FAILED']
canister.assertUntouched(new File(canistersDir))
return true
