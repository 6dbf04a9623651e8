import io.github.icmaven.it.ItCanister

def it = ItCanister.of(basedir)
def v1 = ItCanister.sha256Hex(new File(canistersDir, 'counter-v1.wasm'))
(0..1).each { i ->
    def canister = it.inspect(ItCanister.canisterId(i))
    assert canister.moduleHash() == v1
    assert canister.counter() == i + 1
    assert canister.status() == 'RUNNING'
    assert canister.snapshots() == 0
}
def log = it.buildLog()
assert log.contains("Canister ${ItCanister.canisterId(1)}: The new Candid interface of ${ItCanister.canisterId(1)} breaks clients of the deployed one")
assert log.contains('method set changed from (nat64) -> () to (int64) -> ()')
assert !(log =~ /(?m)^\[INFO\] (.*: )?stop\s+ok/)
def report = it.report("upgrade-${ItCanister.canisterId(0)}+${ItCanister.canisterId(1)}")
assert report.outcome() == 'REFUSED'
assert report.canisterOutcomes()[0] == 'CANCELLED'
return true
