package no.formidling.broker.tus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import no.formidling.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * TUS's expiration extension, as tusdotnet's sliding expiration: an open upload is gone
 * {@code formidling.broker.tus-upload-expiration} after its last change, and answers say when in {@code Upload-Expires}.
 */
@Component
class TusExpiration {
    static final String UPLOAD_EXPIRES = "Upload-Expires";

    private final Clock clock;
    private final Duration expiration;

    TusExpiration(Clock clock, @Value("${formidling.broker.tus-upload-expiration:PT24H}") Duration expiration) {
        this.clock = clock;
        this.expiration = expiration;
    }

    /** When an open upload is gone, counted from its last change. */
    Instant expiresAt(TusUpload upload) {
        return upload.updated().plus(expiration);
    }

    /** The expiry of an upload changed just now (created, or a chunk appended). */
    Instant expiresFromNow() {
        return clock.instant().plus(expiration);
    }

    /** Whether the upload is open and its time is up: it takes no more requests. */
    boolean hasExpired(TusUpload upload) {
        return upload.state() == TusUpload.State.OPEN && !expiresAt(upload).isAfter(clock.instant());
    }

    /** The answer to a request for an upload that has expired. */
    ApiProblem expired(TusUpload upload) {
        return ApiProblem.of(HttpStatus.NOT_FOUND, "The upload expired at " + expiresAt(upload) + " (" + expiration
                + " after its last chunk); create a new one with POST.");
    }

    /** {@code Upload-Expires}'s value: an HTTP date. */
    static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
    }
}
