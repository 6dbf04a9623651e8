package io.github.icmaven.maven;

import io.github.icmaven.core.upgrade.InputException;
import io.github.icmaven.core.upgrade.ParameterName;
import io.github.icmaven.core.upgrade.StepRecord;
import io.github.icmaven.core.upgrade.StepStatus;
import io.github.icmaven.core.upgrade.WasmModule;
import io.github.icmaven.core.wasm.ModuleCheck;
import io.github.icmaven.core.wasm.ModuleSummary;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.plugins.annotations.Component;

/**
 * The {@code package} step of the {@code canister} packaging: checks the canister's module (WebAssembly 1.0,
 * raw or gzip, within the IC's size and custom-section limits), prints its size, SHA-256 (the module hash the
 * canister will report) and custom sections, and makes it the project's artifact, so that {@code install} puts
 * it in the local repository and {@code ic:publish} in the {@code distributionManagement} repository. In a
 * project of another packaging the module is attached as a secondary artifact of type {@code wasm}.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractMojo {

    /**
     * The module, raw or gzip. Default: the one file in {@code wasmDirectory} matching {@code wasmIncludes}.
     */
    @Parameter(property = "ic.wasm")
    File wasm;

    /** Where to look for the module when {@code wasm} is not set. Default: {@code ${project.build.directory}}. */
    @Parameter(property = "ic.wasmDirectory", defaultValue = "${project.build.directory}")
    File wasmDirectory;

    /**
     * Comma-separated Ant patterns, relative to {@code wasmDirectory}, of the module when {@code wasm} is not
     * set; exactly one file must match. Default: {@code *.wasm,*.wasm.gz}.
     */
    @Parameter(property = "ic.wasmIncludes", defaultValue = "*.wasm,*.wasm.gz")
    String wasmIncludes;

    /** Skips the goal. Default: false. */
    @Parameter(property = "ic.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Component
    MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("Skipping ic:package (ic.skip)");
            return;
        }
        long start = System.nanoTime();
        File module = wasm != null ? wasm : found();
        ModuleSummary summary;
        try {
            summary = ModuleCheck.check(WasmModule.read(module.toPath()));
        } catch (InputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        new MavenUpgradeListener(getLog()).stepFinished(new StepRecord("package", StepStatus.OK,
                (System.nanoTime() - start) / 1_000_000, module + ": " + (summary.gzipped() ? "gzip" : "raw wasm") + ", "
                + summary.bytes() + " bytes" + (summary.gzipped() ? " (" + summary.uncompressedBytes() + " gunzipped)" : "")
                + ", sha256 " + summary.sha256()));
        getLog().info("custom sections: " + (summary.customSections().isEmpty() ? "none"
                : String.join(", ", summary.customSections())));
        if (CanisterPackaging.ID.equals(project.getPackaging())) {
            project.getArtifact().setFile(module);
        } else {
            projectHelper.attachArtifact(project, "wasm", null, module);
        }
    }

    /** The one module in {@code wasmDirectory} matching {@code wasmIncludes}. */
    private File found() throws MojoFailureException {
        List<File> matches = WasmFiles.matching(wasmDirectory, wasmIncludes);
        if (matches.size() != 1) {
            throw new MojoFailureException(ParameterName.WASM + ": not set, and " + matches.size() + " files in "
                    + wasmDirectory + " match '" + wasmIncludes + "' (ic.wasmIncludes)"
                    + (matches.isEmpty() ? "" : ": " + matches) + "; set <wasm> to the module to package");
        }
        return matches.get(0);
    }
}
