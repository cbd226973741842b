package no.formidling.broker;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Operators' view over all transfers (no party filter): counts by status and the ones that need a look. */
@Service
public class FileTransferOversight {
    /** A transfer that is not moving: left in an upload state, failed, or published and never confirmed. */
    public record StuckTransfer(UUID id, String resourceId, String fileName, String sender, FileTransferStatus status,
                                String statusText, Instant statusChanged, Reason reason) {
    }

    public enum Reason { UPLOAD_NOT_FINISHED, FAILED, NOT_CONFIRMED }

    private final JdbcClient db;
    private final Clock clock;

    FileTransferOversight(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Every status with its number of transfers, in lifecycle order (zeros included). A cancelled transfer counts as
     * Cancelled after its file is purged too, as the pages show it.
     */
    public Map<FileTransferStatus, Long> countsByStatus() {
        Map<FileTransferStatus, Long> counts = new LinkedHashMap<>();
        for (FileTransferStatus s : FileTransferStatus.values()) {
            counts.put(s, 0L);
        }
        db.sql("""
                        select case when t.status = 'Purged' and exists (select 1 from file_transfer_status_history h
                                    where h.file_transfer_id = t.id and h.status = 'Cancelled') then 'Cancelled' else t.status end, count(*)
                        from file_transfer t group by 1""")
                .query((rs, n) -> counts.put(FileTransferStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Transfers untouched for longer than {@code quiet} in an upload state or Published with a recipient that has
     * not confirmed, and every Failed one; oldest first.
     */
    public List<StuckTransfer> stuck(Duration quiet, int limit) {
        Timestamp before = Timestamp.from(Instant.now(clock).minus(quiet));
        return db.sql("""
                        select t.id, t.resource_id, t.file_name, t.sender, t.status, t.status_description, t.status_changed
                        from file_transfer t
                        where (t.status in ('Initialized', 'UploadStarted', 'UploadProcessing') and t.status_changed < :before)
                           or t.status = 'Failed'
                           or (t.status = 'Published' and t.status_changed < :before and exists (
                                select 1 from file_transfer_recipient r where r.file_transfer_id = t.id and r.status <> 'DownloadConfirmed'))
                        order by t.status_changed limit :limit""")
                .param("before", before).param("limit", limit)
                .query((rs, n) -> {
                    FileTransferStatus status = FileTransferStatus.valueOf(rs.getString("status"));
                    String description = rs.getString("status_description");
                    Reason reason = switch (status) {
                        case Failed -> Reason.FAILED;
                        case Published -> Reason.NOT_CONFIRMED;
                        default -> Reason.UPLOAD_NOT_FINISHED;
                    };
                    return new StuckTransfer(rs.getObject("id", UUID.class), rs.getString("resource_id"), rs.getString("file_name"),
                            rs.getString("sender"), status, description == null || description.isBlank() ? status.text() : description,
                            rs.getTimestamp("status_changed").toInstant(), reason);
                }).list();
    }
}
