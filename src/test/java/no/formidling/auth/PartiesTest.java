package no.formidling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Organisation party ids as Altinn writes them: {@code 0192:<orgNo>} or the urn form, stored as the former. */
class PartiesTest {

    @Test
    void aPartyIsACountryCodeAndNineDigitsOrTheOrganisationUrn() {
        for (String valid : List.of("0192:310000001", "0007:310000001", "urn:altinn:organization:identifier-no:310000001")) {
            assertThat(Parties.isValid(valid)).as(valid).isTrue();
        }
        for (String invalid : List.of("310000001", "0192:31000000", "0192:3100000011", "192:310000001", "0192-310000001",
                "urn:altinn:organization:identifier-no:31000000", "urn:altinn:person:identifier-no:01010100131", " 0192:310000001", "")) {
            assertThat(Parties.isValid(invalid)).as(invalid).isFalse();
        }
        assertThat(Parties.isValid(null)).isFalse();
    }

    @Test
    void eitherFormIsNormalisedToTheCountryCodeForm() {
        assertThat(Parties.normalize("urn:altinn:organization:identifier-no:310000001")).isEqualTo("0192:310000001");
        assertThat(Parties.normalize(" 0192:310000001 ")).as("trimmed").isEqualTo("0192:310000001");
        assertThat(Parties.normalize("0192:31000000")).isNull();
        assertThat(Parties.normalize(null)).isNull();
        assertThat(Parties.asUrn("0192:310000001")).isEqualTo("urn:altinn:organization:identifier-no:310000001");
        assertThat(Parties.orgNo("0192:310000001")).isEqualTo("310000001");
        assertThat(Parties.ofOrgNo("310000001")).isEqualTo("0192:310000001");
    }

    @Test
    void anOrganisationNumberIsNineDigits() {
        assertThat(Parties.isOrgNo("310000001")).isTrue();
        assertThat(Parties.isOrgNo("31000000")).isFalse();
        assertThat(Parties.isOrgNo("31000000a")).isFalse();
        assertThat(Parties.isOrgNo(null)).isFalse();
    }
}
