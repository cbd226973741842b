package no.formidling.auth;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The local resource registry: which organisation owns a resource and who may send (write) or receive (read). */
@Service
public class ResourceRegistry {

    public record AccessEntry(String party, List<String> actions) {
    }

    /**
     * {@code confidential}: only correspondences marked {@code isConfidential} may be sent under it (upstream: the resource's
     * access package {@code post-til-virksomheten-med-taushetsbelagt-innhold}). {@code minimumAuthenticationLevel}: the
     * level a person needs (upstream: the policy's {@code urn:altinn:minimum-authenticationlevel}, 0 when none); above 0 a
     * correspondence under it may not allow forwarding.
     */
    public record RegisteredResource(String resourceId, String title, String serviceOwnerOrgNo, List<AccessEntry> accessList,
                                     boolean confidential, int minimumAuthenticationLevel) {
        public RegisteredResource(String resourceId, String title, String serviceOwnerOrgNo, List<AccessEntry> accessList) {
            this(resourceId, title, serviceOwnerOrgNo, accessList, false);
        }

        public RegisteredResource(String resourceId, String title, String serviceOwnerOrgNo, List<AccessEntry> accessList,
                                  boolean confidential) {
            this(resourceId, title, serviceOwnerOrgNo, accessList, confidential, 0);
        }
    }

    private final JdbcClient db;

    public ResourceRegistry(JdbcClient db) {
        this.db = db;
    }

    public Optional<RegisteredResource> find(String resourceId) {
        return db.sql("""
                        select resource_id, title, service_owner_org_no, confidential, minimum_authentication_level
                        from registry_resource where resource_id = ?""")
                .param(resourceId)
                .query((rs, n) -> new RegisteredResource(rs.getString(1), rs.getString(2), rs.getString(3), accessList(resourceId),
                        rs.getBoolean(4), rs.getInt(5)))
                .optional();
    }

    private List<AccessEntry> accessList(String resourceId) {
        return db.sql("select party, can_write, can_read from registry_access where resource_id = ? order by party")
                .param(resourceId)
                .query((rs, n) -> {
                    List<String> actions = new java.util.ArrayList<>();
                    if (rs.getBoolean(2)) {
                        actions.add("write");
                    }
                    if (rs.getBoolean(3)) {
                        actions.add("read");
                    }
                    return new AccessEntry(rs.getString(1), actions);
                }).list();
    }

    /** The resources the party may send (write) or receive (read) under, by id. */
    public List<RegisteredResource> resourcesOf(String party) {
        return db.sql("select distinct resource_id from registry_access where party = ? and (can_write or can_read) order by resource_id")
                .param(party).query(String.class).list()
                .stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** Every party named in an access list: the organisations known to this server. */
    public List<String> parties() {
        return db.sql("select distinct party from registry_access order by party").query(String.class).list();
    }

    /** The service owners of the registered resources, as {@code 0192:<orgNo>}. */
    public List<String> serviceOwners() {
        return db.sql("select distinct '0192:' || service_owner_org_no from registry_resource order by 1").query(String.class).list();
    }

    public boolean canWrite(String resourceId, String party) {
        return allowed(resourceId, party, "can_write");
    }

    public boolean canRead(String resourceId, String party) {
        return allowed(resourceId, party, "can_read");
    }

    /** Whether {@code writer} may write to the resource and how many of {@code readers} (distinct) may read it. */
    public record Access(boolean writerCanWrite, int readersThatCanRead) {
    }

    /** A new transfer's two access checks in one statement. */
    public Access access(String resourceId, String writer, List<String> readers) {
        String[] readerArray = readers.toArray(String[]::new);
        return db.sql("""
                        select coalesce(bool_or(party = ? and can_write), false),
                               count(distinct party) filter (where party = any(?) and can_read)
                        from registry_access where resource_id = ? and (party = ? or party = any(?))""")
                .params(writer, readerArray, resourceId, writer, readerArray)
                .query((rs, n) -> new Access(rs.getBoolean(1), rs.getInt(2))).single();
    }

    private boolean allowed(String resourceId, String party, String column) {
        return db.sql("select count(*) from registry_access where resource_id = ? and party = ? and " + column)
                .params(resourceId, party).query(Integer.class).single() > 0;
    }

    /** Creates or replaces a resource and its whole access list. Parties must already be normalised. */
    @Transactional
    public void put(RegisteredResource resource) {
        db.sql("""
                insert into registry_resource (resource_id, title, service_owner_org_no, confidential, minimum_authentication_level)
                values (?, ?, ?, ?, ?)
                on conflict (resource_id) do update set title = excluded.title, service_owner_org_no = excluded.service_owner_org_no,
                    confidential = excluded.confidential, minimum_authentication_level = excluded.minimum_authentication_level
                """).params(resource.resourceId(), resource.title(), resource.serviceOwnerOrgNo(), resource.confidential(),
                resource.minimumAuthenticationLevel()).update();
        db.sql("delete from registry_access where resource_id = ?").param(resource.resourceId()).update();
        for (AccessEntry entry : resource.accessList()) {
            db.sql("insert into registry_access (resource_id, party, can_write, can_read) values (?, ?, ?, ?) on conflict do nothing")
                    .params(resource.resourceId(), entry.party(), entry.actions().contains("write"), entry.actions().contains("read"))
                    .update();
        }
    }
}
