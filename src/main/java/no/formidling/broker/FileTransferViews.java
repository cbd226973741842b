package no.formidling.broker;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON the Broker API answers with, field for field as upstream names them. */
final class FileTransferViews {
    private FileTransferViews() {
    }

    record FileTransferIdExt(UUID fileTransferId) {
    }

    record RecipientFileTransferStatusDetailsExt(String recipient, RecipientStatus currentRecipientFileTransferStatusCode,
                                                 String currentRecipientFileTransferStatusText,
                                                 OffsetDateTime currentRecipientFileTransferStatusChanged) {
    }

    record FileTransferOverviewExt(UUID fileTransferId, String resourceId, String fileName, String sendersFileTransferReference,
                                   String checksum, boolean useVirusScan, long fileTransferSize, FileTransferStatus fileTransferStatus,
                                   String fileTransferStatusText, OffsetDateTime fileTransferStatusChanged, OffsetDateTime created,
                                   OffsetDateTime expirationTime, String sender, List<RecipientFileTransferStatusDetailsExt> recipients,
                                   Map<String, String> propertyList, OffsetDateTime published) {
    }

    record FileTransferStatusEventExt(FileTransferStatus fileTransferStatus, String fileTransferStatusText,
                                      OffsetDateTime fileTransferStatusChanged) {
    }

    record RecipientFileTransferStatusEventExt(String recipient, RecipientStatus recipientFileTransferStatusCode,
                                               String recipientFileTransferStatusText, OffsetDateTime recipientFileTransferStatusChanged) {
    }

    record FileTransferStatusDetailsExt(UUID fileTransferId, String resourceId, String fileName, String sendersFileTransferReference,
                                        String checksum, boolean useVirusScan, long fileTransferSize, FileTransferStatus fileTransferStatus,
                                        String fileTransferStatusText, OffsetDateTime fileTransferStatusChanged, OffsetDateTime created,
                                        OffsetDateTime expirationTime, String sender, List<RecipientFileTransferStatusDetailsExt> recipients,
                                        Map<String, String> propertyList, List<FileTransferStatusEventExt> fileTransferStatusHistory,
                                        List<RecipientFileTransferStatusEventExt> recipientFileTransferStatusHistory) {
    }

    static FileTransferOverviewExt overview(FileTransfer t) {
        return new FileTransferOverviewExt(t.id(), t.resourceId(), t.fileName(), t.sendersReference(), t.checksum(), t.useVirusScan(),
                t.size() == null ? 0 : t.size(), t.status(), t.statusText(), time(t.statusChanged()), time(t.created()),
                time(t.expirationTime()), t.senderAsSent(), recipients(t), t.propertyList(), time(t.published()));
    }

    static FileTransferStatusDetailsExt details(FileTransfer t, List<FileTransferRepository.HistoryEntry> history,
                                                List<FileTransferRepository.HistoryEntry> recipientHistory) {
        return new FileTransferStatusDetailsExt(t.id(), t.resourceId(), t.fileName(), t.sendersReference(), t.checksum(),
                t.useVirusScan(), t.size() == null ? 0 : t.size(), t.status(), t.statusText(), time(t.statusChanged()),
                time(t.created()), time(t.expirationTime()), t.senderAsSent(), recipients(t), t.propertyList(),
                history.stream().map(h -> {
                    FileTransferStatus s = FileTransferStatus.valueOf(h.status());
                    String text = h.description() != null && !h.description().isBlank() ? h.description() : s.text();
                    return new FileTransferStatusEventExt(s, text, time(h.changed()));
                }).toList(),
                recipientHistory.stream().map(h -> {
                    RecipientStatus s = RecipientStatus.valueOf(h.status());
                    return new RecipientFileTransferStatusEventExt(h.party(), s, s.text(), time(h.changed()));
                }).toList());
    }

    private static List<RecipientFileTransferStatusDetailsExt> recipients(FileTransfer t) {
        return t.recipients().stream().map(r -> new RecipientFileTransferStatusDetailsExt(r.party(), r.status(), r.status().text(),
                time(r.statusChanged()))).toList();
    }

    private static OffsetDateTime time(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
