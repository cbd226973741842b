package no.formidling.broker;

import java.time.Duration;
import no.formidling.auth.Parties;
import no.formidling.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Upstream's rules for a Broker resource's settings, each refusal with upstream's code; checked before anything is written. */
final class BrokerResourceRules {
    static final long GB = 1024L * 1024 * 1024;
    static final long MAX_WITH_VIRUS_SCAN = 50 * GB;
    static final long MAX_GLOBAL = 100 * GB;

    private BrokerResourceRules() {
    }

    /** 11 negative, 12 zero, 22 over the global limit, 13 over what can be scanned unless approved without a scan. */
    static void checkMaxFileTransferSize(long max, boolean approvedWithoutScan) {
        if (max < 0) {
            throw BrokerError.MAX_SIZE_NEGATIVE.problem();
        }
        if (max == 0) {
            throw BrokerError.MAX_SIZE_ZERO.problem();
        }
        if (max > MAX_GLOBAL) {
            throw BrokerError.MAX_SIZE_OVER_GLOBAL.problem();
        }
        if (max > MAX_WITH_VIRUS_SCAN && !approvedWithoutScan) {
            throw BrokerError.MAX_SIZE_FOR_VIRUS_SCAN.problem();
        }
    }

    /** An ISO-8601 duration (14) of at most 365 days (15); answers it trimmed. */
    static String checkTimeToLive(String text) {
        Duration parsed = IsoDurations.parse(text).orElseThrow(BrokerError.INVALID_TTL_FORMAT::problem);
        if (parsed.compareTo(Duration.ofDays(365)) > 0) {
            throw BrokerError.TTL_OVER_365_DAYS.problem();
        }
        return text.trim();
    }

    /** An ISO-8601 duration (17) of at most 24 hours (18); answers it trimmed. */
    static String checkGracePeriod(String text) {
        Duration parsed = IsoDurations.parse(text).orElseThrow(BrokerError.INVALID_GRACE_PERIOD_FORMAT::problem);
        if (parsed.compareTo(Duration.ofHours(24)) > 0) {
            throw BrokerError.GRACE_PERIOD_OVER_24_HOURS.problem();
        }
        return text.trim();
    }

    /** The manifest shim needs the Altinn 2 service code and edition (23). */
    static void checkManifestShim(boolean shim, String serviceCode, Integer edition) {
        if (shim && (serviceCode == null || serviceCode.isBlank() || edition == null)) {
            throw BrokerError.MANIFEST_SHIM_NEEDS_SERVICE_CODE.problem();
        }
    }

    /** The party every transfer must involve, normalised; blank clears it. */
    static String requiredParty(String text) {
        if (text.isBlank()) {
            return null;
        }
        String party = Parties.normalize(text);
        if (party == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "requiredParty must be 0192:<orgNo> or urn:altinn:organization:identifier-no:<orgNo>");
        }
        return party;
    }
}
