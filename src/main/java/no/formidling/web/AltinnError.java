package no.formidling.web;

import org.springframework.http.HttpStatus;

/**
 * One of upstream's numbered errors (an enum constant per error): its number, status and message. The code sent is
 * {@code <prefix>-<number, five digits>}, e.g. {@code BRO-00001} or {@code CORR-01001}.
 */
public interface AltinnError {

    /** The service's code prefix, e.g. {@code BRO} or {@code CORR}. */
    String codePrefix();

    int number();

    HttpStatus status();

    /** Upstream's message; a message with {@code %s}/{@code %d} is completed by the arguments of {@link #problem(Object...)}. */
    String message();

    default String code() {
        return String.format("%s-%05d", codePrefix(), number());
    }

    /** The error as the problem to throw; without arguments the message is sent as it is. */
    default ApiProblem problem(Object... args) {
        return new ApiProblem(status(), code(), args.length == 0 ? message() : String.format(message(), args));
    }
}
