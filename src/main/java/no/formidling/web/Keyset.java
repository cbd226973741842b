package no.formidling.web;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A row's place in a list ordered newest first by (time, id): what a "next" or "previous" link carries, so the
 * database seeks to it on an index instead of counting past every row before it. Opaque in URLs (Base64url).
 */
public record Keyset(Instant at, UUID id) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public String encode() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a link, null when there is none; anything that is not one of ours is a 400, never a 500. */
    public static Keyset decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
            if (parts.length != 3) {
                throw bad();
            }
            int nanos = Integer.parseInt(parts[1]);
            if (nanos < 0 || nanos > 999_999_999) {
                throw bad();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
            return new Keyset(at, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw bad();
        }
    }

    private static ApiProblem bad() {
        return ApiProblem.of(HttpStatus.BAD_REQUEST, "The page link is not valid; start again from the first page.");
    }
}
