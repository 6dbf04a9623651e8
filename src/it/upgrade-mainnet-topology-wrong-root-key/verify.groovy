import io.github.icmaven.it.ItCanister

def canister = ItCanister.mainnet(basedir)
def log = canister.buildLog()
// Refused on one line naming the parameter, before the canister is stopped (the stop would execute on the IC
// even though its certificate then fails to verify).
assert log =~ /\[ERROR\] Failed to execute goal \S+:upgrade \(upgrade\) on project upgrade-mainnet-topology-wrong-root-key: <rootKey> \(ic\.rootKey\): the certificates of http:\/\/127\.0\.0\.1:\d+ do not verify with this key \(.*Certificate verification failed.*\): pin that network's root key/
assert !(log =~ /(?m)^\[INFO\] (.*: )?stop\s+(ok|failed)/)
def report = canister.report()
assert report.outcome() == 'REFUSED' && report.steps() == ['preflight=FAILED']
canister.assertUntouched(new File(canistersDir))
return true
