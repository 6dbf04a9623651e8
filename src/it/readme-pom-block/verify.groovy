import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def module = new File(basedir, 'target/backend.wasm.gz')
def canister = ItCanister.of(basedir).inspect()
def installed = new File(localRepositoryPath, 'io/github/icmaven/it/readme-pom-block/1.0/readme-pom-block-1.0.wasm')

assert log =~ /package\s+ok .*backend\.wasm\.gz: gzip, \d+ bytes \(\d+ gunzipped\)/
assert log =~ /health-check ok .*health replied \("ok"\)/
assert log.contains('publish: the project has no <distributionManagement> repository')
assert canister.moduleHash() == ItCanister.sha256Hex(module)
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert ItCanister.sha256Hex(installed) == ItCanister.sha256Hex(module)
return true
