package no.formidling.app;

import no.formidling.web.ApiProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** API problems and page notices as sentences in the reader's language (never JSON, never a stack trace). */
@Component
public class Sentences {
    private final MessageSource messages;

    Sentences(MessageSource messages) {
        this.messages = messages;
    }

    public String get(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /** The problem's Altinn code explained in plain words; the API's own sentence when we have none for that code. */
    public String of(ApiProblem problem) {
        String generic = messages.getMessage("error.generic", new Object[] {problem.getMessage()}, LocaleContextHolder.getLocale());
        return problem.code() == null ? generic : messages.getMessage("error." + problem.code(), null, generic, LocaleContextHolder.getLocale());
    }
}
