package no.formidling.broker.tus;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** TUS uploads and their staged blocks in PostgreSQL: the only place an upload's progress is kept. */
@Repository
class TusUploadRepository {
    private final JdbcClient db;

    TusUploadRepository(JdbcClient db) {
        this.db = db;
    }

    Optional<TusUpload> find(UUID id) {
        return db.sql("select * from tus_upload where id = ?").param(id).query(TusUploadRepository::map).optional();
    }

    boolean anyFor(UUID fileTransferId) {
        return db.sql("select exists (select 1 from tus_upload where file_transfer_id = ?)").param(fileTransferId).query(Boolean.class).single();
    }

    boolean anyOpenFor(UUID fileTransferId) {
        return db.sql("select exists (select 1 from tus_upload where file_transfer_id = ? and state = 'open')").param(fileTransferId)
                .query(Boolean.class).single();
    }

    /** Creates the upload, or starts an earlier one with the same id afresh (its blocks forgotten). */
    void createOrRestart(UUID id, UUID fileTransferId, TusUpload.Kind kind, long length, long offset, List<UUID> parts) {
        db.sql("delete from tus_block where upload_id = ?").param(id).update();
        db.sql("""
                insert into tus_upload (id, file_transfer_id, kind, upload_length, upload_offset, parts, state)
                values (:id, :transfer, :kind, :length, :offset, cast(:parts as uuid[]), 'open')
                on conflict (id) do update set kind = excluded.kind, upload_length = excluded.upload_length,
                    upload_offset = excluded.upload_offset, md5_digest = null, parts = excluded.parts, state = 'open', updated = now()
                """)
                .param("id", id).param("transfer", fileTransferId).param("kind", kind.column()).param("length", length)
                .param("offset", offset).param("parts", parts == null ? null : "{" + String.join(",", parts.stream().map(UUID::toString).toList()) + "}")
                .update();
    }

    /**
     * Records a durably staged block and moves the offset past it, only if nobody moved it meanwhile.
     *
     * @return false when another request (on any node) got there first
     */
    boolean advance(UUID id, long from, String blockId, long length, UUID md5Digest) {
        int moved = db.sql("""
                update tus_upload set upload_offset = :to, md5_digest = :md5, updated = now()
                where id = :id and upload_offset = :from and state = 'open'
                """).param("to", from + length).param("md5", md5Digest).param("id", id).param("from", from).update();
        if (moved == 0) {
            return false;
        }
        db.sql("insert into tus_block (upload_id, start_offset, length, block_id) values (?, ?, ?, ?)")
                .params(id, from, length, blockId).update();
        return true;
    }

    /**
     * Takes a lock, held until the transaction ends, that only one node at a time completing this upload can hold;
     * false when another holds it. A node that dies releases it with its connection.
     */
    boolean tryLockForCompletion(UUID id) {
        return db.sql("select pg_try_advisory_xact_lock(?)").param(id.getMostSignificantBits() ^ id.getLeastSignificantBits())
                .query(Boolean.class).single();
    }

    /** The upload's block ids in byte order. */
    List<String> blockIds(UUID uploadId) {
        return db.sql("select block_id from tus_block where upload_id = ? order by start_offset").param(uploadId).query(String.class).list();
    }

    void setState(UUID id, TusUpload.State state) {
        db.sql("update tus_upload set state = ?, updated = now() where id = ?").params(state.column(), id).update();
    }

    void terminate(UUID id) {
        setState(id, TusUpload.State.TERMINATED);
        db.sql("delete from tus_block where upload_id = ?").param(id).update();
    }

    private static TusUpload map(ResultSet rs, int row) throws SQLException {
        Array parts = rs.getArray("parts");
        List<UUID> partIds = parts == null ? null : new ArrayList<>(Arrays.asList((UUID[]) parts.getArray()));
        return new TusUpload(rs.getObject("id", UUID.class), rs.getObject("file_transfer_id", UUID.class),
                TusUpload.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getLong("upload_length"),
                rs.getLong("upload_offset"), rs.getObject("md5_digest", UUID.class), partIds,
                TusUpload.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getTimestamp("updated").toInstant());
    }
}
