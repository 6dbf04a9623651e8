package io.github.icmaven.core.backup;

import java.io.IOException;

/** A backup directory is incomplete or a file in it does not match its checksum, size or name. */
public final class BackupIntegrityException extends IOException {
    public BackupIntegrityException(String message) {
        super(message);
    }
}
