import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
assert canister.buildLog().contains('<wasm>')
canister.assertUntouched(new File(canistersDir))
return true
