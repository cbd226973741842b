package no.formidling.app;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * A message body (Markdown, as Correspondence requires) as HTML for the message page; used as {@code @messageMarkdown}.
 * Any HTML in the text is escaped and link targets other than http(s)/mailto are dropped, so a sender cannot put
 * markup or script on the page.
 */
@Component("messageMarkdown")
public class MessageMarkdown {
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    public String html(String markdown) {
        return markdown == null ? "" : renderer.render(parser.parse(markdown));
    }
}
