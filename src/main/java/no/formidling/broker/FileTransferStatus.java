package no.formidling.broker;

/** A transfer's status as the API shows it, with upstream's human text. */
public enum FileTransferStatus {
    Initialized("Ready for upload"),
    UploadStarted("Upload started"),
    UploadProcessing("Processing upload"),
    Published("Ready for download"),
    Cancelled("FileTransfer cancelled"),
    AllConfirmedDownloaded("All downloaded"),
    Purged("FileTransfer has been purged"),
    Failed("Upload failed");

    private final String text;

    FileTransferStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean downloadable() {
        return this == Published || this == AllConfirmedDownloaded;
    }
}
