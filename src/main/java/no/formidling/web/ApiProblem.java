package no.formidling.web;

import org.springframework.http.HttpStatus;

/** A client-visible failure with an HTTP status and, where Altinn has one, its error code (e.g. BRO-00009). */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String code;

    public ApiProblem(HttpStatus status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public static ApiProblem of(HttpStatus status, String detail) {
        return new ApiProblem(status, null, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
