import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
def v2 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
def seen = it.inspect()
assert seen.moduleHash() == v2
assert seen.counter() == 3 : 'the counter survives the upgrade'
assert seen.status() == 'RUNNING'
assert seen.snapshots() == 1 : 'the snapshot taken before the install is kept'
assert it.buildLog().contains("Upgraded ${ItCanister.CANISTER_ID} from ${v1} to ${v2}")
def report = it.report()
assert report.outcome() == 'UPGRADED'
assert report.steps().containsAll(['stop=OK', 'snapshot=OK', 'install=OK', 'start=OK', 'verify=OK'])
return true
