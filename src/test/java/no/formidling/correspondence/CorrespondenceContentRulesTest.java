package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceRulesTest.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.formidling.correspondence.InitializeCorrespondencesExt.BaseCorrespondenceExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.ContentExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.ReplyOptionExt;
import org.junit.jupiter.api.Test;

/** Upstream's rules for a correspondence's content, sender, dates and reply options, each refusal with its code. */
class CorrespondenceContentRulesTest {
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    /** The content as a client sends it: the title and body given, the rest from {@code extra}. */
    private static ContentExt content(String title, String body, Map<String, Object> extra) {
        Map<String, Object> content = new HashMap<>(extra);
        content.put("messageTitle", title);
        content.put("messageBody", body);
        return JSON.convertValue(content, ContentExt.class);
    }

    private static ContentExt content(String title, String body) {
        return content(title, body, Map.of("language", "nb"));
    }

    private static BaseCorrespondenceExt correspondence(Map<String, Object> fields) {
        Map<String, Object> c = new HashMap<>(Map.of("resourceId", "resource", "sendersReference", "ref",
                "content", Map.of("messageTitle", "T", "messageBody", "B")));
        c.putAll(fields);
        return JSON.convertValue(c, BaseCorrespondenceExt.class);
    }

    private static String datesCode(Map<String, Object> fields, Instant publishTime) {
        return code(() -> CorrespondenceRules.checkSenderAndDates(correspondence(fields), NOW, publishTime));
    }

    @Test
    void contentNeedsATitleOfAtMost255PlainCharacters() {
        assertThat(code(() -> CorrespondenceRules.checkContent(null))).isEqualTo("CORR-01019");
        assertThat(code(() -> CorrespondenceRules.checkContent(content("", "body")))).isEqualTo("CORR-01020");
        assertThat(code(() -> CorrespondenceRules.checkContent(content("  ", "body")))).isEqualTo("CORR-01020");
        assertThat(code(() -> CorrespondenceRules.checkContent(content("<b>Title</b>", "body")))).isEqualTo("CORR-01002");
        assertThat(code(() -> CorrespondenceRules.checkContent(content("x".repeat(256), "body")))).isEqualTo("CORR-01037");
        assertThatCode(() -> CorrespondenceRules.checkContent(content("x".repeat(255), "body"))).doesNotThrowAnyException();
        assertThatCode(() -> CorrespondenceRules.checkContent(content("Skatt 2025 < 2024 > 2023", "body"))).as("not a tag").doesNotThrowAnyException();
    }

    @Test
    void theBodyIsMarkdownWithoutHtmlOfOneTo30000Characters() {
        assertThat(code(() -> CorrespondenceRules.checkContent(content("Title", "")))).isEqualTo("CORR-01021");
        assertThat(code(() -> CorrespondenceRules.checkContent(content("Title", "<p>Hei</p>")))).isEqualTo("CORR-01003");
        assertThat(code(() -> CorrespondenceRules.checkContent(content("Title", "x".repeat(30_001))))).isEqualTo("CORR-01022");
        assertThatCode(() -> CorrespondenceRules.checkContent(content("Title", "# Hei\n\n" + "x".repeat(29_993)))).doesNotThrowAnyException();
    }

    @Test
    void theSummaryIsAtMost255CharactersAndTheLanguageNorwegianOrEnglish() {
        assertThat(code(() -> CorrespondenceRules.checkContent(content("T", "B", Map.of("messageSummary", "x".repeat(256)))))).isEqualTo("CORR-01042");
        assertThatCode(() -> CorrespondenceRules.checkContent(content("T", "B", Map.of("messageSummary", "x".repeat(255))))).doesNotThrowAnyException();
        assertThat(code(() -> CorrespondenceRules.checkContent(content("T", "B", Map.of("language", "de"))))).isEqualTo("CORR-01023");
        for (String language : List.of("nb", "nn", "en", "NB")) {
            assertThatCode(() -> CorrespondenceRules.checkContent(content("T", "B", Map.of("language", language)))).as(language).doesNotThrowAnyException();
        }
        assertThatCode(() -> CorrespondenceRules.checkContent(content("T", "B", Map.of()))).as("no language").doesNotThrowAnyException();
    }

    @Test
    void theMessageSenderIsPlainText() {
        assertThat(datesCode(Map.of("messageSender", "<i>Etaten</i>"), NOW)).isEqualTo("CORR-01039");
        assertThatCode(() -> CorrespondenceRules.checkSenderAndDates(correspondence(Map.of("messageSender", "Etaten")), NOW, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aConfirmationNeedsADueDateNeitherBeforeNowNorBeforePublish() {
        assertThat(datesCode(Map.of("isConfirmationNeeded", true), NOW)).isEqualTo("CORR-01016");
        assertThat(datesCode(Map.of("dueDateTime", NOW.minusSeconds(1).toString()), NOW.minus(Duration.ofDays(1)))).isEqualTo("CORR-01008");
        Instant publish = NOW.plus(Duration.ofDays(5));
        assertThat(datesCode(Map.of("dueDateTime", NOW.plus(Duration.ofDays(2)).toString()), publish)).isEqualTo("CORR-01009");
        assertThatCode(() -> CorrespondenceRules.checkSenderAndDates(correspondence(Map.of("isConfirmationNeeded", true,
                "dueDateTime", publish.toString())), NOW, publish)).as("due at the publish time").doesNotThrowAnyException();
    }

    @Test
    void allowSystemDeleteAfterIsHonouredOnlyAfterNowThePublishTimeAndTheDueDate() {
        Instant publish = NOW.plus(Duration.ofDays(1));
        Instant due = NOW.plus(Duration.ofDays(10));
        Instant later = NOW.plus(Duration.ofDays(20));
        assertThat(CorrespondenceRules.honouredDeleteAfter(correspondence(Map.of()), NOW, publish)).isNull();
        assertThat(CorrespondenceRules.honouredDeleteAfter(correspondence(Map.of("allowSystemDeleteAfter", later.toString(),
                "dueDateTime", due.toString())), NOW, publish)).isEqualTo(later);
        for (Instant tooEarly : List.of(NOW.minusSeconds(1), publish.minusSeconds(1), due.minusSeconds(1))) {
            assertThat(CorrespondenceRules.honouredDeleteAfter(correspondence(Map.of("allowSystemDeleteAfter", tooEarly.toString(),
                    "dueDateTime", due.toString())), NOW, publish)).as(tooEarly.toString()).isNull();
        }
    }

    @Test
    void replyOptionsAreHttpsUrlsOfAtMost255Characters() {
        for (String url : List.of("http://example.no/reply", "ftp://example.no", "https://", "not a url", "https://example.no/" + "x".repeat(237))) {
            assertThat(code(() -> CorrespondenceRules.checkReplyOptions(List.of(new ReplyOptionExt(url, "Svar"))))).as(url).isEqualTo("CORR-01035");
        }
        assertThat(code(() -> CorrespondenceRules.checkReplyOptions(List.of(new ReplyOptionExt(null, "Svar"))))).isEqualTo("CORR-01035");
        assertThatCode(() -> CorrespondenceRules.checkReplyOptions(List.of(new ReplyOptionExt("https://example.no/" + "x".repeat(236), "Svar"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> CorrespondenceRules.checkReplyOptions(null)).doesNotThrowAnyException();
    }
}
