package no.formidling.correspondence;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records delivery attempts (notifications, forward emails, confidential reminders) in a transaction of their own, so
 * an attempt that went out stays counted even when the process step that made it fails and is retried.
 */
@Component
class DeliveryAttempts {
    /** The rows an attempt is counted on, and the column holding their delivery status. */
    enum Row {
        NOTIFICATION("corr_notification", "status"),
        FORWARD_EMAIL("corr_forwarding", "email_status");

        private final String table;
        private final String statusColumn;

        Row(String table, String statusColumn) {
            this.table = table;
            this.statusColumn = statusColumn;
        }
    }

    private final JdbcClient db;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    DeliveryAttempts(JdbcClient db, Clock clock, PlatformTransactionManager transactions) {
        this.db = db;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Counts one attempt on a row: its status ({@code Sent} or {@code Failed}), the channel's note or failure, and
     * the time when it was sent.
     *
     * @return the attempts made so far, this one included
     */
    int record(Row row, UUID id, String status, String note) {
        return inOwnTransaction(tx -> db.sql("update " + row.table + " set " + row.statusColumn + " = ?, failure = ?, attempts = attempts + 1,"
                        + " sent = case when ? = 'Sent' then ? else sent end where id = ? returning attempts")
                .params(status, note, status, Timestamp.from(clock.instant()), id).query(Integer.class).single());
    }

    /** Runs work that claims or resolves deliveries in its own transaction, committed whatever the caller does next. */
    <T> T inOwnTransaction(TransactionCallback<T> work) {
        return ownTransaction.execute(work);
    }

    /** {@link #inOwnTransaction} for work without an answer. */
    void runInOwnTransaction(Runnable work) {
        ownTransaction.executeWithoutResult(status -> work.run());
    }
}
