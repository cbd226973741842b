package no.formidling.app;

import jakarta.servlet.http.HttpServletResponse;
import no.formidling.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Failures on a page become a page with a sentence, not the API's problem JSON. */
@ControllerAdvice(basePackages = {"no.formidling.app", "no.formidling.ops"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);
    private final Sentences sentences;

    PageErrors(Sentences sentences) {
        this.sentences = sentences;
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletResponse response, Model model) {
        response.setStatus(problem.status().value());
        model.addAttribute("message", sentences.of(problem));
        return "app/error";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badRequest(Exception e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("message", sentences.get("error.badRequest"));
        return "app/error";
    }

    @ExceptionHandler(RuntimeException.class)
    String unexpected(RuntimeException e, HttpServletResponse response, Model model) {
        if (e instanceof org.springframework.security.access.AccessDeniedException denied) {
            throw denied;
        }
        log.error("Page failed", e);
        response.setStatus(503);
        model.addAttribute("message", sentences.get("error.unexpected"));
        return "app/error";
    }
}
