import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def seen = it.inspect()
assert seen.moduleHash() == ItCanister.sha256Hex(new File(canistersDir, 'counter-v2.wasm'))
assert seen.counter() == 3 && seen.status() == 'RUNNING'
assert seen.snapshots() == 0
assert it.buildLog().contains("[WARNING] No snapshot of ${ItCanister.CANISTER_ID} (<skipSnapshot> (ic.skipSnapshot)): if the upgrade fails, nothing can be restored.")
def report = it.report()
assert report.outcome() == 'UPGRADED' && report.steps().contains('snapshot=SKIPPED')
return true
