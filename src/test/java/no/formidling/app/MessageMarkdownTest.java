package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Message bodies are Markdown: shown formatted, never as markup or script the sender wrote. */
class MessageMarkdownTest {
    private final MessageMarkdown markdown = new MessageMarkdown();

    @Test
    void markdownBecomesHeadingsEmphasisListsAndLinks() {
        String html = markdown.html("# Vedtak\n\nDu har fått **tilskudd**.\n\n- første\n- andre\n\n[Les mer](https://www.altinn.no/)");
        assertThat(html).contains("<h1>Vedtak</h1>").contains("<strong>tilskudd</strong>")
                .contains("<li>første</li>").contains("href=\"https://www.altinn.no/\">Les mer</a>");
    }

    @Test
    void htmlAndScriptLinksInTheTextAreNotPassedThrough() {
        String html = markdown.html("<script>alert(1)</script>\n\n[klikk](javascript:alert(1)) <b>fet</b>");
        assertThat(html).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("<b>")
                .contains("&lt;script&gt;").contains("&lt;b&gt;fet&lt;/b&gt;");
    }
}
