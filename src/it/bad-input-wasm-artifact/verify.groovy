import io.github.icmaven.it.ItCanister

def canister = ItCanister.of(basedir)
def errors = canister.buildLog().readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 3
assert errors[0].contains('<wasmArtifact> (ic.wasmArtifact): io.github.icmaven.it.badwasmartifact:counter:9.9 cannot be resolved: ')
assert errors[0].contains('Could not find artifact io.github.icmaven.it.badwasmartifact:counter:wasm:9.9')
assert errors[1].contains('<wasmArtifact> (ic.wasmArtifact): io.github.icmaven.it.badwasmartifact:counter:2.0 cannot be resolved: ')
assert errors[1].toLowerCase().contains('checksum')
assert errors[2].contains('<wasmArtifact> (ic.wasmArtifact): is set, and so is <wasm> (ic.wasm): keep one')
// The mismatching download was not kept in the local repository.
assert !new File(localRepositoryPath, 'io/github/icmaven/it/badwasmartifact/counter/2.0/counter-2.0.wasm').exists()
canister.assertUntouched(new File(canistersDir))
return true
