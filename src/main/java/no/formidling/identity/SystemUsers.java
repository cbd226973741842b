package no.formidling.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * System users: a vendor asks an organisation for one (a request), the organisation accepts or rejects it, and an
 * accepted request becomes a system user that lets the vendor's system act for the organisation on the requested resources.
 */
@Service
public class SystemUsers {

    /** Altinn's request statuses. */
    public enum Status { New, Accepted, Rejected }

    public record Request(UUID id, String externalRef, String systemId, String partyOrgNo, List<String> resources, String redirectUrl,
                          Status status, UUID systemUserId, Instant created) {
    }

    /** A request, and whether this call created it (false: the open one asked for before). */
    public record Requested(Request request, boolean created) {
    }

    public record SystemUser(UUID id, String systemId, String partyOrgNo, String externalRef, List<String> resources, Instant created) {
    }

    private final JdbcClient db;

    SystemUsers(JdbcClient db) {
        this.db = db;
    }

    /**
     * Records a new request, or returns the open or accepted one for the same system, organisation and reference
     * (a vendor that asks twice gets the same request, as at Altinn).
     */
    @Transactional
    public Requested request(String systemId, String partyOrgNo, String externalRef, List<String> resources, String redirectUrl) {
        db.sql("select pg_advisory_xact_lock(hashtext(?))").param(systemId + "/" + partyOrgNo + "/" + externalRef).query().singleRow();
        Optional<Request> open = db.sql("""
                        select * from identity_system_user_request where system_id = ? and party_org_no = ? and external_ref = ?
                          and status = 'New' order by created_at desc limit 1""")
                .params(systemId, partyOrgNo, externalRef).query(SystemUsers::request).optional();
        if (open.isPresent()) {
            return new Requested(open.get(), false);
        }
        UUID id = UUID.randomUUID();
        db.sql("""
                insert into identity_system_user_request (id, external_ref, system_id, party_org_no, resources, redirect_url, status)
                values (?, ?, ?, ?, ?, ?, 'New')""")
                .params(id, externalRef, systemId, partyOrgNo, resources.toArray(String[]::new), redirectUrl).update();
        return new Requested(findRequest(id).orElseThrow(), true);
    }

    public Optional<Request> findRequest(UUID id) {
        return db.sql("select * from identity_system_user_request where id = ?").param(id).query(SystemUsers::request).optional();
    }

    /** Requests waiting for the organisation's answer. */
    public List<Request> pending(String partyOrgNo) {
        return db.sql("select * from identity_system_user_request where (cast(? as varchar) is null or party_org_no = ?) and status = 'New' order by created_at")
                .params(partyOrgNo, partyOrgNo).query(SystemUsers::request).list();
    }

    /**
     * The organisation accepts a request: a system user is created (or the live one for the same system and reference
     * is given the requested rights). Accepting twice answers the same system user.
     *
     * @return the request as it stands after, or empty when it does not exist for this organisation or was rejected
     */
    @Transactional
    public Optional<Request> accept(String partyOrgNo, UUID requestId) {
        Optional<Request> found = db.sql("select * from identity_system_user_request where id = ? and party_org_no = ? for update")
                .params(requestId, partyOrgNo).query(SystemUsers::request).optional();
        if (found.isEmpty() || found.get().status() != Status.New) {
            return found.filter(r -> r.status() == Status.Accepted);
        }
        Request r = found.get();
        UUID userId = live(r.systemId(), r.partyOrgNo(), r.externalRef()).map(SystemUser::id).orElseGet(UUID::randomUUID);
        db.sql("""
                insert into identity_system_user (id, system_id, party_org_no, external_ref, resources) values (?, ?, ?, ?, ?)
                on conflict (id) do update set resources = excluded.resources""")
                .params(userId, r.systemId(), r.partyOrgNo(), r.externalRef(), r.resources().toArray(String[]::new)).update();
        db.sql("update identity_system_user_request set status = 'Accepted', system_user_id = ?, decided_at = now() where id = ?")
                .params(userId, requestId).update();
        return findRequest(requestId);
    }

    /** @return false when there is no open request with this id for the organisation */
    public boolean reject(String partyOrgNo, UUID requestId) {
        return db.sql("""
                update identity_system_user_request set status = 'Rejected', decided_at = now()
                where id = ? and party_org_no = ? and status = 'New'""").params(requestId, partyOrgNo).update() == 1;
    }

    /** The live system users of an organisation, or of every organisation. */
    public List<SystemUser> list(String partyOrgNo) {
        return db.sql("select * from identity_system_user where (cast(? as varchar) is null or party_org_no = ?) and deleted_at is null order by created_at")
                .params(partyOrgNo, partyOrgNo).query(SystemUsers::user).list();
    }

    public List<SystemUser> ofSystem(String systemId) {
        return db.sql("select * from identity_system_user where system_id = ? and deleted_at is null order by created_at")
                .param(systemId).query(SystemUsers::user).list();
    }

    /** A live system user by id; a deleted one is gone for every purpose. */
    public Optional<SystemUser> find(UUID id) {
        return db.sql("select * from identity_system_user where id = ? and deleted_at is null").param(id).query(SystemUsers::user).optional();
    }

    /** The live system user of a system for an organisation; with a null reference, any of them (oldest first). */
    public Optional<SystemUser> live(String systemId, String partyOrgNo, String externalRef) {
        return db.sql("""
                        select * from identity_system_user where system_id = ? and party_org_no = ? and (cast(? as varchar) is null or external_ref = ?)
                          and deleted_at is null order by created_at limit 1""")
                .params(systemId, partyOrgNo, externalRef, externalRef).query(SystemUsers::user).optional();
    }

    /** @return false when the organisation has no live system user with this id */
    public boolean delete(String partyOrgNo, UUID id) {
        return db.sql("update identity_system_user set deleted_at = now() where id = ? and party_org_no = ? and deleted_at is null")
                .params(id, partyOrgNo).update() == 1;
    }

    private static Request request(ResultSet rs, int n) throws SQLException {
        return new Request(rs.getObject("id", UUID.class), rs.getString("external_ref"), rs.getString("system_id"), rs.getString("party_org_no"),
                Arrays.asList((String[]) rs.getArray("resources").getArray()), rs.getString("redirect_url"), Status.valueOf(rs.getString("status")),
                rs.getObject("system_user_id", UUID.class), rs.getTimestamp("created_at").toInstant());
    }

    private static SystemUser user(ResultSet rs, int n) throws SQLException {
        return new SystemUser(rs.getObject("id", UUID.class), rs.getString("system_id"), rs.getString("party_org_no"),
                rs.getString("external_ref"), Arrays.asList((String[]) rs.getArray("resources").getArray()),
                rs.getTimestamp("created_at").toInstant());
    }
}
