import io.github.icmaven.it.ItCanister

// The first xml block under the README's "Upgrading a canister from `mvn deploy`", as printed.
def readme = new File(canistersDir, '../../../README.md').canonicalFile.text
def section = readme.substring(readme.indexOf('## Upgrading a canister from `mvn deploy`'))
def block = (section =~ /(?s)```xml\n(.*?)```/)[0][1]
assert block.contains('<packaging>canister</packaging>') && block.contains('<extensions>true</extensions>')
new File(basedir, 'pom.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.github.icmaven.it</groupId>
  <artifactId>readme-pom-block</artifactId>
  <version>1.0</version>
${block}
</project>
"""

def canister = ItCanister.of(basedir)
canister.prepare(new File(canistersDir, 'counter-v1.wasm'), 3, 0)
// canister_ids.json as icp-cli/dfx write it: a URL network looks names up under "local".
new File(basedir, 'canister_ids.json').text = """{ "backend": { "local": "${ItCanister.CANISTER_ID}" } }"""
// The module a wasm build leaves in target/, gzipped as dfx and icp-cli ship them.
canister.writeBuiltModule(new File(canistersDir, 'counter-v2.wasm'), 'backend.wasm.gz')
new File(localRepositoryPath, 'io/github/icmaven/it/readme-pom-block').deleteDir()
return true
