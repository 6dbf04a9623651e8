import io.github.icmaven.it.ItCanister

def canister = ItCanister.mainnet(basedir)
assert canister.buildLog().contains('Certificate verification failed')
canister.assertUntouched(new File(canistersDir))
return true
