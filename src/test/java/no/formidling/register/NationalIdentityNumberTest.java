package no.formidling.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NationalIdentityNumberTest {

    @Test
    void acceptsOnlyNumbersWhoseTwoCheckDigitsAreRight() {
        // 01010100131 is a published synthetic test number; flipping either check digit breaks it
        assertThat(NationalIdentityNumber.isValid("01010100131")).isTrue();
        assertThat(NationalIdentityNumber.isValid("01010100132")).isFalse();
        assertThat(NationalIdentityNumber.isValid("01010100121")).isFalse();
        assertThat(NationalIdentityNumber.isValid("0101010013")).isFalse();
        assertThat(NationalIdentityNumber.isValid("0101010013a")).isFalse();
        assertThat(NationalIdentityNumber.isValid(null)).isFalse();
    }

    @Test
    void completedNumbersValidate() {
        int completed = 0;
        for (int n = 10_000; n < 10_200; n++) {
            String pid = NationalIdentityNumber.complete(String.format("0101%05d", n));
            if (pid != null) {
                completed++;
                assertThat(NationalIdentityNumber.isValid(pid)).as(pid).isTrue();
            }
        }
        assertThat(completed).as("most nine-digit prefixes have check digits").isGreaterThan(100);
    }

    @Test
    void partiesParseInEveryAcceptedForm() {
        assertThat(PartyId.parse("0192:310000001").key()).isEqualTo("0192:310000001");
        assertThat(PartyId.parse("urn:altinn:organization:identifier-no:310000001").urn())
                .isEqualTo("urn:altinn:organization:identifier-no:310000001");
        assertThat(PartyId.parse("urn:altinn:person:identifier-no:01010100131").key()).isEqualTo("01010100131");
        assertThat(PartyId.parse("01010100131").urn()).isEqualTo("urn:altinn:person:identifier-no:01010100131");
        assertThat(PartyId.parse("01010100132")).isNull();
        assertThat(PartyId.parse("31000000")).isNull();
    }
}
