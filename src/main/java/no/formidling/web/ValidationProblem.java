package no.formidling.web;

import java.util.List;
import java.util.Map;

/** Model validation failed: answered as a 400 listing the failing fields, as ASP.NET's ValidationProblemDetails. */
public class ValidationProblem extends RuntimeException {
    private final Map<String, List<String>> errors;

    public ValidationProblem(Map<String, List<String>> errors) {
        super("One or more validation errors occurred.");
        this.errors = errors;
    }

    public static ValidationProblem of(String field, String message) {
        return new ValidationProblem(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
