import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def canister = ItCanister.of(basedir).inspect()
def v2 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
def installed = new File(localRepositoryPath,
        'io/github/icmaven/it/canister-packaging-deploy/1.0/canister-packaging-deploy-1.0.wasm')

assert log =~ /package\s+ok .*counter\.wasm: raw wasm, \d+ bytes, sha256 ${v2}/
assert log.contains('maven-install-plugin')
assert log.contains('has no <distributionManagement> repository, the module is not published')
assert !log.contains('maven-deploy-plugin')
assert log.contains('BUILD SUCCESS')
assert canister.moduleHash() == v2
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert installed.isFile() && ItCanister.sha256Hex(installed) == v2
return true
