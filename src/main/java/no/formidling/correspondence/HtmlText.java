package no.formidling.correspondence;

import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** The plain-text alternative of an HTML email body: the text a reader sees, with line breaks where blocks end. */
final class HtmlText {
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|li|tr|table|ul|ol|blockquote|pre)\\s*>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*([\"'])(.*?)\\1[^>]*>(.*?)</a\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    private HtmlText() {
    }

    static String toPlainText(String html) {
        if (html == null) {
            return "";
        }
        String text = HIDDEN.matcher(html).replaceAll("");
        text = text.replaceAll("\\s*\\R\\s*", " ");
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = BLOCK_END.matcher(text).replaceAll("\n\n");
        text = LIST_ITEM.matcher(text).replaceAll("- ");
        text = LINK.matcher(text).replaceAll(m -> {
            String label = TAG.matcher(m.group(3)).replaceAll("").trim();
            String href = m.group(2).trim();
            return java.util.regex.Matcher.quoteReplacement(label.isEmpty() || label.equals(href) ? href : label + " (" + href + ")");
        });
        text = TAG.matcher(text).replaceAll("");
        text = HtmlUtils.htmlUnescape(text).replace('\u00a0', ' ');
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.strip().replaceAll(" {2,}", " ")).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
