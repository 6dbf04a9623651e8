import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
assert canister.buildLog().contains('<arg>')
canister.assertUntouched(new File(canistersDir))
return true
