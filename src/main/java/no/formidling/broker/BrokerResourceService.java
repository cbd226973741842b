package no.formidling.broker;

import java.util.Optional;
import no.formidling.auth.ResourceRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Service owners and per-resource Broker configuration, validated with upstream's rules and error codes. */
@Service
public class BrokerResourceService {

    private final JdbcClient db;
    private final ResourceRegistry registry;

    BrokerResourceService(JdbcClient db, ResourceRegistry registry) {
        this.db = db;
        this.registry = registry;
    }

    /** The fields of a resource configuration update; null means "leave as is". */
    public record Update(Long maxFileTransferSize, String fileTransferTimeToLive, Boolean purgeAfterAllConfirmed,
                         String purgeGracePeriod, Boolean useManifestFileShim, String externalServiceCodeLegacy,
                         Integer externalServiceEditionCodeLegacy, String requiredParty, Boolean approvedForDisabledVirusScan) {
    }

    public Optional<String> serviceOwnerName(String orgNo) {
        return db.sql("select name from service_owner where org_no = ?").param(orgNo).query(String.class).optional();
    }

    /** Registers the calling organisation as a Broker service owner; 7002 when it already is one. */
    @Transactional
    public void initializeServiceOwner(String orgNo, String name) {
        int inserted = db.sql("insert into service_owner (org_no, name) values (?, ?) on conflict do nothing").params(orgNo, name).update();
        if (inserted == 0) {
            throw BrokerError.SERVICE_OWNER_ALREADY_EXISTS.problem();
        }
    }

    Optional<BrokerResource> find(String resourceId) {
        return db.sql("select * from broker_resource where resource_id = ?").param(resourceId).query((rs, n) -> map(rs)).optional();
    }

    /** A configured resource and whether its service owner is registered, in one statement. */
    record ConfiguredResource(BrokerResource resource, boolean serviceOwnerRegistered) {
    }

    Optional<ConfiguredResource> findWithOwner(String resourceId) {
        return db.sql("""
                        select r.*, o.org_no is not null as owner_registered
                        from broker_resource r left join service_owner o on o.org_no = r.service_owner_org_no
                        where r.resource_id = ?""")
                .param(resourceId).query((rs, n) -> new ConfiguredResource(map(rs), rs.getBoolean("owner_registered"))).optional();
    }

    private static BrokerResource map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BrokerResource(rs.getString("resource_id"), rs.getString("service_owner_org_no"),
                        rs.getObject("max_file_transfer_size", Long.class), rs.getString("file_transfer_time_to_live"),
                        rs.getBoolean("purge_after_all_confirmed"), rs.getString("purge_grace_period"),
                        rs.getBoolean("use_manifest_file_shim"), rs.getString("external_service_code_legacy"),
                        rs.getObject("external_service_edition_code_legacy", Integer.class), rs.getString("required_party"),
                        rs.getBoolean("approved_for_disabled_virus_scan"));
    }

    /** The configuration of a resource the caller owns: 25 when not configured, 6 when another owner's. */
    BrokerResource getAsOwner(String resourceId, String callerOrgNo) {
        BrokerResource resource = find(resourceId).orElseThrow(BrokerError.RESOURCE_NOT_CONFIGURED::problem);
        if (!resource.serviceOwnerOrgNo().equals(callerOrgNo)) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        return resource;
    }

    /**
     * Creates or updates a resource's configuration as its service owner, after checking every rule in
     * upstream's order; nothing is written on a failure.
     */
    @Transactional
    public void configure(String resourceId, String callerOrgNo, Update u) {
        Optional<BrokerResource> existing = find(resourceId);
        String serviceOwnerOrgNo;
        if (existing.isEmpty()) {
            ResourceRegistry.RegisteredResource registered = registry.find(resourceId)
                    .filter(r -> r.serviceOwnerOrgNo() != null && !r.serviceOwnerOrgNo().isBlank())
                    .orElseThrow(BrokerError.INVALID_RESOURCE_DEFINITION::problem);
            if (!registered.serviceOwnerOrgNo().equals(callerOrgNo)) {
                throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
            }
            if (serviceOwnerName(registered.serviceOwnerOrgNo()).isEmpty()) {
                throw BrokerError.RESOURCE_OWNER_NOT_CONFIGURED.problem();
            }
            serviceOwnerOrgNo = registered.serviceOwnerOrgNo();
        } else if (!existing.get().serviceOwnerOrgNo().equals(callerOrgNo)) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        } else {
            serviceOwnerOrgNo = existing.get().serviceOwnerOrgNo();
        }
        BrokerResource current = existing.orElse(new BrokerResource(resourceId, serviceOwnerOrgNo, null,
                BrokerResource.DEFAULT_TTL, true, BrokerResource.DEFAULT_GRACE, false, null, null, null, false));
        // Upstream sets this in its database only ("contact us"); here the service owner approves its own resource.
        boolean approvedWithoutScan = u.approvedForDisabledVirusScan() != null ? u.approvedForDisabledVirusScan() : current.approvedForDisabledVirusScan();
        Long maxSize = u.maxFileTransferSize() != null ? u.maxFileTransferSize() : current.maxFileTransferSize();
        if (u.maxFileTransferSize() != null) {
            BrokerResourceRules.checkMaxFileTransferSize(u.maxFileTransferSize(), approvedWithoutScan);
        }
        String ttl = u.fileTransferTimeToLive() != null ? BrokerResourceRules.checkTimeToLive(u.fileTransferTimeToLive())
                : current.fileTransferTimeToLive();
        String grace = u.purgeGracePeriod() != null ? BrokerResourceRules.checkGracePeriod(u.purgeGracePeriod()) : current.purgeGracePeriod();
        boolean shim = u.useManifestFileShim() != null ? u.useManifestFileShim() : current.useManifestFileShim();
        String serviceCode = u.externalServiceCodeLegacy() != null ? u.externalServiceCodeLegacy() : current.externalServiceCodeLegacy();
        Integer edition = u.externalServiceEditionCodeLegacy() != null ? u.externalServiceEditionCodeLegacy() : current.externalServiceEditionCodeLegacy();
        BrokerResourceRules.checkManifestShim(shim, serviceCode, edition);
        String requiredParty = u.requiredParty() != null ? BrokerResourceRules.requiredParty(u.requiredParty()) : current.requiredParty();
        boolean purgeAfterConfirmed = u.purgeAfterAllConfirmed() != null ? u.purgeAfterAllConfirmed() : current.purgeAfterAllConfirmed();
        db.sql("""
                insert into broker_resource (resource_id, service_owner_org_no, max_file_transfer_size, file_transfer_time_to_live,
                    purge_after_all_confirmed, purge_grace_period, use_manifest_file_shim, external_service_code_legacy,
                    external_service_edition_code_legacy, required_party, approved_for_disabled_virus_scan)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (resource_id) do update set max_file_transfer_size = excluded.max_file_transfer_size,
                    file_transfer_time_to_live = excluded.file_transfer_time_to_live,
                    purge_after_all_confirmed = excluded.purge_after_all_confirmed, purge_grace_period = excluded.purge_grace_period,
                    use_manifest_file_shim = excluded.use_manifest_file_shim,
                    external_service_code_legacy = excluded.external_service_code_legacy,
                    external_service_edition_code_legacy = excluded.external_service_edition_code_legacy,
                    required_party = excluded.required_party,
                    approved_for_disabled_virus_scan = excluded.approved_for_disabled_virus_scan
                """)
                .params(resourceId, serviceOwnerOrgNo, maxSize, ttl, purgeAfterConfirmed, grace, shim, serviceCode, edition, requiredParty,
                        approvedWithoutScan)
                .update();
    }

    /** Gives a resource upstream's default configuration unless it has one. */
    @Transactional
    public void configureIfMissing(String resourceId, String callerOrgNo) {
        if (find(resourceId).isEmpty()) {
            configure(resourceId, callerOrgNo, new Update(null, null, null, null, null, null, null, null, null));
        }
    }

    /** Marks a resource as approved for transfers without virus scan (an operator decision, not an API call). */
    @Transactional
    public void approveDisabledVirusScan(String resourceId, boolean approved) {
        db.sql("update broker_resource set approved_for_disabled_virus_scan = ? where resource_id = ?").params(approved, resourceId).update();
    }
}
