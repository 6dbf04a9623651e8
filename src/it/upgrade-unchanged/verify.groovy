import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
assert canister.buildLog().contains('already runs this module')
canister.assertUntouched(new File(canistersDir))
assert new File(basedir, "target/ic/upgrade-${ItCanister.CANISTER_ID}-latest.json").text =~ /"outcome"\s*:\s*"UNCHANGED"/
return true
