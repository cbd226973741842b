package no.formidling.identity;

import org.springframework.http.HttpStatus;

/** A refusal answered as OAuth 2.0 error JSON ({@code error}, {@code error_description}), with Maskinporten's codes. */
class OAuthError extends RuntimeException {
    private final HttpStatus status;
    private final String code;

    private OAuthError(HttpStatus status, String code, String description) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    static OAuthError invalidClient(String description) {
        return new OAuthError(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }

    static OAuthError invalidScope(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_scope", description);
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    static OAuthError unsupportedGrantType(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type", description);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
