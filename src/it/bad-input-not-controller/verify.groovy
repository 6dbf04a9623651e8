import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
assert canister.buildLog().contains('controller')
canister.assertUntouched(new File(canistersDir))
return true
