package no.formidling.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A search box's text finds itself literally: LIKE's wildcards in it are escaped. */
class TextSearchTest {
    @Test
    void wildcardsAreEscapedAndBlankIsNoSearch() {
        assertThat(TextSearch.contains("  Blåbær og ørret ")).isEqualTo("%Blåbær og ørret%");
        assertThat(TextSearch.contains("50%_done\\x")).isEqualTo("%50\\%\\_done\\\\x%");
        assertThat(TextSearch.contains(" ")).isNull();
        assertThat(TextSearch.contains(null)).isNull();
    }
}
