package io.github.icmaven.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.plexus.util.DirectoryScanner;

/** Files of a directory selected by Ant patterns ({@code *.wasm}, {@code wasm/**}), sorted by path. */
final class WasmFiles {
    private WasmFiles() {}

    static List<File> matching(File directory, String commaSeparatedIncludes) {
        List<File> files = new ArrayList<>();
        if (directory == null || !directory.isDirectory()) {
            return files;
        }
        DirectoryScanner scanner = new DirectoryScanner();
        scanner.setBasedir(directory);
        scanner.setIncludes(commaSeparatedIncludes.trim().split("\\s*,\\s*"));
        scanner.setCaseSensitive(true);
        scanner.scan();
        for (String path : scanner.getIncludedFiles()) {
            files.add(new File(directory, path));
        }
        files.sort(null);
        return files;
    }
}
