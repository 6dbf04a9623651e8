import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
assert canister.buildLog().contains('<pemFile>')
canister.assertUntouched(new File(canistersDir))
return true
