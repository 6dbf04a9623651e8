import io.github.icmaven.it.ItCanister

assert new File(basedir, 'target/inspection-identity.pem').renameTo(new File(basedir, 'identity.pem'))
def it = ItCanister.of(basedir)
def log = it.buildLog()
def canister = it.inspect()
assert log.contains('Upgraded ')
assert log.contains("from settings.xml server 'ic-it-deployer'")
assert !log.contains('it-passphrase-3f9a')
assert !log.contains('PRIVATE KEY')
assert canister.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 1
assert it.report().outcome() == 'UPGRADED'
return true
