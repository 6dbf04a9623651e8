import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
canister.writeEncryptedIdentity('server-identity.pem', 'it-passphrase-3f9a')
// Only the server may sign: the plain PEM goes, so a fallback to it could not pass.
assert new File(basedir, 'identity.pem').renameTo(new File(basedir, 'target/inspection-identity.pem'))
return true
