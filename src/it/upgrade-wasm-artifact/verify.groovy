import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir).inspect()
def wasm = { name -> ItCanister.sha256Hex(new File(canistersDir, name)) }
// One timestamped report per build, in the order the builds ran.
def reports = new File(basedir, 'target/ic').listFiles()
        .findAll { it.name ==~ /upgrade-.*-\d{8}-\d{6}-\d{3}\.json/ }.sort { it.name }*.text
assert reports.size() == 2

def forward = reports[0]
assert forward =~ /"wasmArtifact"\s*:\s*"io.github.icmaven.it.wasmartifact:counter:2.0"/
assert forward =~ /"outcome"\s*:\s*"UPGRADED"/
assert forward =~ /"moduleHashAfter"\s*:\s*"${wasm('counter-v2.wasm')}"/

def back = reports[1]
assert back =~ /"wasmArtifact"\s*:\s*"io.github.icmaven.it.wasmartifact:counter:1.0"/
assert back =~ /"outcome"\s*:\s*"UPGRADED"/
assert back =~ /"moduleHashBefore"\s*:\s*"${wasm('counter-v2.wasm')}"/

// Back on 1.0 with its data: the counter survived both upgrades.
assert canister.moduleHash() == wasm('counter-v1.wasm')
assert canister.counter() == 3
assert canister.status() == 'RUNNING'
assert canister.snapshots() == 1 : "the second upgrade's snapshot replaced the first's"
def downloaded = new File(localRepositoryPath, 'io/github/icmaven/it/wasmartifact/counter/2.0/counter-2.0.wasm')
assert ItCanister.sha256Hex(downloaded) == wasm('counter-v2.wasm')
return true
