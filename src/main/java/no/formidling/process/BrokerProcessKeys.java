package no.formidling.process;

/** Names shared by bpmn/broker-file-transfer.bpmn and the code that drives it. */
final class BrokerProcessKeys {
    static final String PROCESS = "broker-file-transfer";
    static final String MSG_UPLOAD_FINISHED = "UploadFinished";
    /** Transient (never stored): true when the bytes were stored and verified, false when the upload failed or was abandoned. */
    static final String VAR_UPLOAD_COMPLETED = "uploadCompleted";
    /** What instances of model versions before UploadFinished wait for, one message per outcome. */
    static final String EARLIER_MSG_UPLOAD_COMPLETED = "UploadCompleted";
    static final String EARLIER_MSG_UPLOAD_FAILED = "UploadFailed";
    static final String MSG_ALL_CONFIRMED = "AllRecipientsConfirmed";
    static final String MSG_CANCEL = "CancelRequested";

    static final String VAR_EXPIRATION_TIME = "expirationTime";
    static final String VAR_GRACE_PERIOD = "purgeGracePeriod";
    static final String VAR_PURGE_AFTER_CONFIRMED = "purgeAfterAllConfirmed";
    static final String VAR_SCAN_REQUIRED = "scanRequired";
    static final String VAR_MALWARE_FOUND = "malwareFound";
    static final String VAR_MALWARE_DETAIL = "malwareDetail";

    private BrokerProcessKeys() {
    }
}
