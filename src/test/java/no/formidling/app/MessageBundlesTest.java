package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The one message bundle in both languages: every sentence the pages use exists in English and in bokmål. */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (var in = new InputStreamReader(MessageBundlesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void englishAndBokmalHaveTheSameKeysAndNoEmptySentence() throws IOException {
        Properties english = load("messages.properties");
        Properties bokmal = load("messages_nb.properties");
        assertThat(bokmal.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        english.forEach((k, v) -> assertThat(v.toString()).as("en " + k).isNotBlank());
        bokmal.forEach((k, v) -> assertThat(v.toString()).as("nb " + k).isNotBlank());
        assertThat(bokmal.getProperty("messages.unread")).isEqualTo("Ulest");
        assertThat(bokmal.getProperty("signin.person.pid")).isEqualTo("Fødselsnummer (11 sifre)");
    }
}
