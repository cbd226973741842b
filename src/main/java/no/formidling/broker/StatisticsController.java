package no.formidling.broker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import no.formidling.auth.Caller;
import no.formidling.auth.CallerResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service owner's monthly usage report as CSV, with upstream's columns (vendor columns stay empty: tokens carry no vendor here). */
@RestController
@Tag(name = "Service owner")
class StatisticsController {
    private static final String HEADER = "year,month,resourceId,senderVendor,recipientVendor,sender,recipient,totalFileTransfers,uploadCount,totalTransferDownloadAttempts,transfersWithDownloadConfirmed";

    private final JdbcClient db;
    private final CallerResolver callers;
    private final BrokerResourceService resources;

    StatisticsController(JdbcClient db, CallerResolver callers, BrokerResourceService resources) {
        this.db = db;
        this.callers = callers;
        this.resources = resources;
    }

    record Row(String resourceId, String sender, String recipient, long transfers, long uploads, long downloadAttempts, long confirmed) {
    }

    @Operation(summary = "Monthly statistics for the caller's resources as CSV (scope altinn:serviceowner)")
    @GetMapping(path = "/broker/api/v1/statistics/monthly", produces = "text/csv")
    ResponseEntity<String> monthly(@RequestParam(defaultValue = "0") int year, @RequestParam(defaultValue = "0") int month,
                                   @RequestParam(required = false) String resourceId,
                                   @RequestParam(defaultValue = "true") boolean includeEndUser,
                                   @RequestParam(defaultValue = "false") boolean includeVendor) {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || (year == 9999 && month == 12)) {
            throw BrokerError.INVALID_MONTH_FORMAT.problem();
        }
        if (!includeEndUser && !includeVendor) {
            throw BrokerError.END_USER_AND_VENDOR_EXCLUDED.problem();
        }
        Caller caller = callers.current();
        if (caller.orgNo() == null) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        String resource = resourceId == null || resourceId.isBlank() ? null : resourceId.trim();
        if (resource != null) {
            resources.getAsOwner(resource, caller.orgNo());
        }
        LocalDate from = LocalDate.of(year, month, 1);
        // Without end users, rows are summed per resource (upstream groups on the columns it shows).
        List<Row> rows = db.sql("""
                select t.resource_id, case when :endUser then t.sender else '' end as sender,
                       case when :endUser then r.recipient else '' end as recipient,
                       count(*), count(t.file_size),
                       count(*) filter (where r.status <> 'Initialized'),
                       count(*) filter (where r.status = 'DownloadConfirmed')
                from file_transfer t
                join file_transfer_recipient r on r.file_transfer_id = t.id
                join broker_resource b on b.resource_id = t.resource_id
                where b.service_owner_org_no = :owner and t.created >= :from and t.created < :to
                  and (cast(:resource as varchar) is null or t.resource_id = :resource)
                group by 1, 2, 3
                order by 1, 2, 3
                """)
                .param("endUser", includeEndUser).param("owner", caller.orgNo()).param("resource", resource)
                .param("from", Timestamp.from(from.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .param("to", Timestamp.from(from.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list();
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Row r : rows) {
            csv.append(year).append(',').append(month).append(',').append(escape(r.resourceId())).append(",,,")
                    .append(r.sender()).append(',').append(r.recipient()).append(',').append(r.transfers()).append(',')
                    .append(r.uploads()).append(',').append(r.downloadAttempts()).append(',').append(r.confirmed()).append("\r\n");
        }
        String fileName = "broker-statistics-" + from.toString().substring(0, 7) + (resource == null ? "" : "-" + resource) + ".csv";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, FileDownloads.contentDisposition(fileName))
                .body(csv.toString());
    }

    private static String escape(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
