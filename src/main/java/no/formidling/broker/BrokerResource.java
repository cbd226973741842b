package no.formidling.broker;

import java.time.Duration;

/** A resource's Broker configuration, with upstream's defaults already applied. */
record BrokerResource(String resourceId, String serviceOwnerOrgNo, Long maxFileTransferSize, String fileTransferTimeToLive,
                      boolean purgeAfterAllConfirmed, String purgeGracePeriod, boolean useManifestFileShim,
                      String externalServiceCodeLegacy, Integer externalServiceEditionCodeLegacy, String requiredParty,
                      boolean approvedForDisabledVirusScan) {

    static final String DEFAULT_TTL = "P30D";
    static final String DEFAULT_GRACE = "PT2H";

    Duration timeToLive() {
        return IsoDurations.parse(fileTransferTimeToLive).orElse(Duration.ofDays(30));
    }

    Duration gracePeriod() {
        return IsoDurations.parse(purgeGracePeriod).orElse(Duration.ofHours(2));
    }
}
