package no.formidling.broker.tus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TUS's sliding expiration: an open upload is gone a fixed time after its last change, and Upload-Expires says when. */
class TusExpirationTest {
    private static final Instant LAST_CHUNK = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    private static TusExpiration at(Instant now) {
        return new TusExpiration(Clock.fixed(now, ZoneOffset.UTC), DAY);
    }

    private static TusUpload upload(TusUpload.State state) {
        UUID id = UUID.randomUUID();
        return new TusUpload(id, id, TusUpload.Kind.WHOLE, 100, 10, null, null, state, LAST_CHUNK);
    }

    @Test
    void anOpenUploadExpiresExactlyTheExpirationAfterItsLastChange() {
        assertThat(at(LAST_CHUNK).expiresAt(upload(TusUpload.State.OPEN))).isEqualTo(LAST_CHUNK.plus(DAY));
        assertThat(at(LAST_CHUNK.plus(DAY).minusMillis(1)).hasExpired(upload(TusUpload.State.OPEN))).isFalse();
        assertThat(at(LAST_CHUNK.plus(DAY)).hasExpired(upload(TusUpload.State.OPEN))).isTrue();
        assertThat(at(LAST_CHUNK).expiresFromNow()).as("a chunk now moves it on").isEqualTo(LAST_CHUNK.plus(DAY));
    }

    @Test
    void aCompletedUploadNeverExpires() {
        assertThat(at(LAST_CHUNK.plus(DAY.multipliedBy(30))).hasExpired(upload(TusUpload.State.COMPLETE))).isFalse();
    }

    @Test
    void theExpiredAnswerIs404AndUploadExpiresIsAnHttpDate() {
        assertThat(at(LAST_CHUNK.plus(DAY)).expired(upload(TusUpload.State.OPEN)).status().value()).isEqualTo(404);
        assertThat(TusExpiration.httpDate(Instant.parse("2026-03-03T10:00:00Z"))).isEqualTo("Tue, 3 Mar 2026 10:00:00 GMT");
    }
}
