import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
assert canister.buildLog().contains('<network>')
canister.assertUntouched(new File(canistersDir))
return true
