package no.formidling.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code BasicErrorController} (its {@code {"timestamp","status","error","path"}} JSON and
 * whitelabel HTML) at the error path that Tomcat forwards to after a {@code sendError} or an exception outside
 * Spring MVC, e.g. Spring Security's firewall refusing {@code ;} or {@code %2e} in a path.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            // called directly rather than as an error dispatch
            return ProblemHandler.respond(Problems.of(HttpStatus.NOT_FOUND, null, ProblemErrorReportValve.detail(404)));
        }
        int status = code >= 400 && code <= 599 ? code : 500;
        return ProblemHandler.respond(Problems.of(HttpStatusCode.valueOf(status), null, ProblemErrorReportValve.detail(status)));
    }
}
