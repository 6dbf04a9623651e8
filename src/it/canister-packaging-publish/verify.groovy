import io.github.icmaven.it.ItCanister

def log = new File(basedir, 'build.log').text
def v2 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
def published = new File(basedir, 'published/io/github/icmaven/it/canister-packaging-publish/1.0')

assert log =~ /publish\s+ok .*io.github.icmaven.it:canister-packaging-publish:canister:1.0 to it-releases/
def canister = ItCanister.of(basedir).inspect()
assert canister.moduleHash() == v2
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert ItCanister.sha256Hex(new File(published, 'canister-packaging-publish-1.0.wasm')) == v2
assert new File(published, 'canister-packaging-publish-1.0.wasm.sha1').isFile()
assert new File(published, 'canister-packaging-publish-1.0.pom').text.contains('<packaging>canister</packaging>')
return true
