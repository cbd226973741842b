package no.formidling.bridge.endpoint;

import java.nio.file.Path;
import no.formidling.bridge.config.BridgeJob;

/** Opens the folder side of a job. */
public final class FileStores {
    private FileStores() {
    }

    public static FileStore open(BridgeJob job) {
        return switch (job.location().type()) {
            case folder -> new LocalFolder(Path.of(job.location().directory()));
            case sftp -> new SftpFolder(job.location(), job.concurrency() + 1);
        };
    }
}
