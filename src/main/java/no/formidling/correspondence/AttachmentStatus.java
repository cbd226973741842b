package no.formidling.correspondence;

/** Upstream's attachment statuses. */
public enum AttachmentStatus {
    Initialized, UploadProcessing, Published, Purged, Failed, Expired
}
