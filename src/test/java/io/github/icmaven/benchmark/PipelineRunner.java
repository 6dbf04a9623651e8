package io.github.icmaven.benchmark;

import io.github.icmaven.core.ic.identity.IdentityLoader;
import io.github.icmaven.core.upgrade.IdentityConfig;
import io.github.icmaven.core.upgrade.TargetConfig;
import io.github.icmaven.core.upgrade.UpgradeConfig;
import io.github.icmaven.core.upgrade.UpgradeListener;
import io.github.icmaven.core.upgrade.UpgradeOutcome;
import io.github.icmaven.core.upgrade.UpgradePipeline;
import io.github.icmaven.core.upgrade.UpgradeResult;
import io.github.icmaven.ic.Principal;

import java.net.URI;
import java.nio.file.Path;

/** Our upgrade pipeline, as {@code ic:upgrade} runs it (preflight and verify included), without a health check. */
final class PipelineRunner implements UpgradeRunner {
    private final Principal canister;
    private final Path pemFile;

    PipelineRunner(Principal canister, Path pemFile) {
        this.canister = canister;
        this.pemFile = pemFile;
    }

    @Override
    public String name() {
        return "ic:upgrade";
    }

    @Override
    public void upgrade(URI replica, Path wasm) {
        UpgradePipeline pipeline = new UpgradePipeline(UpgradeListener.SILENT, new IdentityLoader(pemFile.getParent()),
                name -> null);
        UpgradeResult result = pipeline.run(UpgradeConfig.of(new TargetConfig(replica.toString(), canister.toText(),
                null, null, IdentityConfig.pemFile(pemFile)), wasm));
        if (result.outcome() != UpgradeOutcome.UPGRADED) {
            throw new IllegalStateException("The pipeline did not upgrade " + canister + ": " + result.message());
        }
    }
}
