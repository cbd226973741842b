package no.formidling.broker;

/** A recipient's status for one transfer, with upstream's human text. */
public enum RecipientStatus {
    Initialized("Initialized"),
    DownloadStarted("Recipient has attempted to download fileTransfer"),
    DownloadConfirmed("Recipient has downloaded fileTransfer");

    private final String text;

    RecipientStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
