package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented claim → party mapping of the OpenID Connect sign-in, and the language choice of the pages. */
class OidcPartyMappingTest {
    private final OidcPartyMapping defaults = new OidcPartyMapping("formidling", "urn:altinn:orgNumber", "pid", "groups", "formidling-operators");

    @Test
    void anOrganisationNumberInTheConfiguredClaimIsTheParty() {
        assertThat(defaults.map(Map.of("urn:altinn:orgNumber", "310000001"), "kari")).isEqualTo(PageUser.organisation("0192:310000001"));
        assertThat(defaults.map(Map.of("urn:altinn:orgNumber", "0192:310000002"), "kari").party()).isEqualTo("0192:310000002");
        assertThat(defaults.map(Map.of("urn:altinn:orgNumber", "urn:altinn:organization:identifier-no:310000003"), "kari").party())
                .isEqualTo("0192:310000003");
    }

    @Test
    void anAltinnStyleConsumerObjectNamesThePartyByItsId() {
        OidcPartyMapping consumer = new OidcPartyMapping("formidling", "consumer", "pid", "groups", "formidling-operators");
        assertThat(consumer.map(Map.of("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:310000001")), "x").party())
                .isEqualTo("0192:310000001");
    }

    @Test
    void aValidNationalIdentityNumberInThePersonClaimIsThatPersonWhenNoOrganisationIsNamed() {
        PageUser person = defaults.map(Map.of("pid", validPid(), "name", "Åse Ørnes"), "sub-1");
        assertThat(person.pid()).isEqualTo(validPid());
        assertThat(person.isPerson()).isTrue();
        assertThat(person.name()).isEqualTo("Åse Ørnes");
        assertThat(person.caller().person()).isEqualTo(validPid());
        assertThat(person.caller().party()).as("a person acts for nobody else").isNull();
        assertThat(defaults.map(Map.of("pid", "12345678901"), "sub-2")).as("fails the mod-11 check").isNull();
        assertThat(defaults.map(Map.of("pid", validPid(), "urn:altinn:orgNumber", "310000001"), "sub-3").party())
                .as("an organisation claim wins").isEqualTo("0192:310000001");
    }

    private static String validPid() {
        return no.formidling.register.NationalIdentityNumber.complete("010170123");
    }

    @Test
    void membershipOfTheOperatorGroupMakesAnOperatorAndNothingElseMakesNoUser() {
        PageUser operator = defaults.map(Map.of("groups", List.of("staff", "formidling-operators"), "urn:altinn:orgNumber", "310000001"), "ola");
        assertThat(operator.operator()).isTrue();
        assertThat(operator.party()).isNull();
        assertThat(defaults.map(Map.of("groups", List.of("staff")), "ola")).as("no organisation, not an operator").isNull();
        assertThat(defaults.map(Map.of("urn:altinn:orgNumber", "12345"), "ola")).as("not an organisation number").isNull();
    }

    @Test
    void browserLanguageChoosesBokmalForNorwegianAndEnglishOtherwise() {
        assertThat(PageLocales.choose("nb-NO,nb;q=0.9,en;q=0.8")).isEqualTo(PageLocales.BOKMAL);
        assertThat(PageLocales.choose("nn-NO")).isEqualTo(PageLocales.BOKMAL);
        assertThat(PageLocales.choose("en-US,nb;q=0.5")).isEqualTo(java.util.Locale.ENGLISH);
        assertThat(PageLocales.choose("de-DE,no;q=0.7")).isEqualTo(PageLocales.BOKMAL);
        assertThat(PageLocales.choose("fr")).isEqualTo(java.util.Locale.ENGLISH);
        assertThat(PageLocales.choose(null)).isEqualTo(java.util.Locale.ENGLISH);
        assertThat(PageLocales.choose(";;;")).isEqualTo(java.util.Locale.ENGLISH);
    }
}
