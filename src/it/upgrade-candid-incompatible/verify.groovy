import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def log = canister.buildLog()
// hash, counter, status and snapshots as before the build
canister.assertUntouched(new File(canistersDir))
assert log.contains('The new Candid interface of rwlgt-iiaaa-aaaaa-aaaaa-cai breaks clients of the deployed one')
assert log.contains('method inc_in_query : () -> (nat64) query was removed')
assert log.contains('method set changed from (nat64) -> () to (int64) -> (): argument 1: nat64 is not a subtype of int64')
assert !(log =~ /(?m)^\[INFO\] (.*: )?stop\s+ok/)
def report = canister.report()
assert report.outcome() == 'REFUSED' && report.steps() == ['preflight=FAILED']
return true
