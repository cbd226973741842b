package no.formidling.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import no.formidling.web.ApiProblem;
import org.junit.jupiter.api.Test;

/** Upstream's rules for a Broker resource's settings, each refused value with its code and the limits that still pass. */
class BrokerResourceRulesTest {
    private static final long GB = 1024L * 1024 * 1024;

    private static ApiProblem refusal(Runnable check) {
        Throwable t = catchThrowable(check::run);
        assertThat(t).isInstanceOf(ApiProblem.class);
        return (ApiProblem) t;
    }

    private static String code(Runnable check) {
        return refusal(check).code();
    }

    @Test
    void theMaximumFileSizeIsPositiveAtMost100GbAndAbove50GbOnlyWithoutAScan() {
        assertThat(code(() -> BrokerResourceRules.checkMaxFileTransferSize(-1, true))).isEqualTo("BRO-00011");
        assertThat(code(() -> BrokerResourceRules.checkMaxFileTransferSize(0, true))).isEqualTo("BRO-00012");
        assertThat(code(() -> BrokerResourceRules.checkMaxFileTransferSize(50 * GB + 1, false))).isEqualTo("BRO-00013");
        assertThat(code(() -> BrokerResourceRules.checkMaxFileTransferSize(100 * GB + 1, true))).isEqualTo("BRO-00022");
        assertThatCode(() -> BrokerResourceRules.checkMaxFileTransferSize(1, false)).doesNotThrowAnyException();
        assertThatCode(() -> BrokerResourceRules.checkMaxFileTransferSize(50 * GB, false)).doesNotThrowAnyException();
        assertThatCode(() -> BrokerResourceRules.checkMaxFileTransferSize(100 * GB, true)).doesNotThrowAnyException();
    }

    @Test
    void theTimeToLiveIsAnIsoDurationOfAtMost365Days() {
        assertThat(code(() -> BrokerResourceRules.checkTimeToLive("30 days"))).isEqualTo("BRO-00014");
        assertThat(code(() -> BrokerResourceRules.checkTimeToLive("-P1D"))).isEqualTo("BRO-00014");
        assertThat(code(() -> BrokerResourceRules.checkTimeToLive("P366D"))).isEqualTo("BRO-00015");
        assertThat(BrokerResourceRules.checkTimeToLive(" P365D ")).isEqualTo("P365D");
        assertThat(BrokerResourceRules.checkTimeToLive("PT1H")).isEqualTo("PT1H");
    }

    @Test
    void theGracePeriodIsAnIsoDurationOfAtMost24Hours() {
        assertThat(code(() -> BrokerResourceRules.checkGracePeriod("2h"))).isEqualTo("BRO-00017");
        assertThat(code(() -> BrokerResourceRules.checkGracePeriod("PT25H"))).isEqualTo("BRO-00018");
        assertThat(code(() -> BrokerResourceRules.checkGracePeriod("P2D"))).isEqualTo("BRO-00018");
        assertThat(BrokerResourceRules.checkGracePeriod("PT24H")).isEqualTo("PT24H");
        assertThat(BrokerResourceRules.checkGracePeriod("PT0S")).isEqualTo("PT0S");
    }

    @Test
    void theManifestShimNeedsTheAltinn2ServiceCodeAndEdition() {
        assertThat(code(() -> BrokerResourceRules.checkManifestShim(true, null, 1))).isEqualTo("BRO-00023");
        assertThat(code(() -> BrokerResourceRules.checkManifestShim(true, " ", 1))).isEqualTo("BRO-00023");
        assertThat(code(() -> BrokerResourceRules.checkManifestShim(true, "4711", null))).isEqualTo("BRO-00023");
        assertThatCode(() -> BrokerResourceRules.checkManifestShim(true, "4711", 1)).doesNotThrowAnyException();
        assertThatCode(() -> BrokerResourceRules.checkManifestShim(false, null, null)).doesNotThrowAnyException();
    }

    @Test
    void theRequiredPartyIsAnOrganisationInEitherFormAndBlankClearsIt() {
        assertThat(BrokerResourceRules.requiredParty("urn:altinn:organization:identifier-no:310000001")).isEqualTo("0192:310000001");
        assertThat(BrokerResourceRules.requiredParty("0192:310000001")).isEqualTo("0192:310000001");
        assertThat(BrokerResourceRules.requiredParty(" ")).isNull();
        ApiProblem refused = refusal(() -> BrokerResourceRules.requiredParty("01010100131"));
        assertThat(refused.status().value()).isEqualTo(400);
    }
}
