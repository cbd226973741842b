package no.formidling.broker;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The largest file a transfer takes: its resource's limit, else the server's, and never above what the scanner reads. */
@Component
class UploadLimits {
    private static final long VIRUS_SCAN_LIMIT = 50_000_000_000L;

    private final BrokerResourceService resources;
    private final long maxFileSize;

    UploadLimits(BrokerResourceService resources, @Value("${formidling.broker.max-file-size:107374182400}") long maxFileSize) {
        this.resources = resources;
        this.maxFileSize = maxFileSize;
    }

    long of(FileTransfer t) {
        long limit = resources.find(t.resourceId()).map(BrokerResource::maxFileTransferSize).orElse(maxFileSize);
        return t.useVirusScan() ? Math.min(limit, VIRUS_SCAN_LIMIT) : limit;
    }
}
