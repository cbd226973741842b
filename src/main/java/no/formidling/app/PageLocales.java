package no.formidling.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** The browser's Accept-Language picks Norwegian bokmål (also for "no" and "nn") or English, the default. */
@Configuration(proxyBeanMethods = false)
class PageLocales {
    static final Locale BOKMAL = Locale.forLanguageTag("nb");

    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return choose(request.getHeader("Accept-Language"));
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("The browser's language chooses");
            }
        };
    }

    static Locale choose(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String language = range.getRange().split("-")[0];
                if (language.equals("nb") || language.equals("no") || language.equals("nn")) {
                    return BOKMAL;
                }
                if (language.equals("en")) {
                    return Locale.ENGLISH;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
        return Locale.ENGLISH;
    }
}
