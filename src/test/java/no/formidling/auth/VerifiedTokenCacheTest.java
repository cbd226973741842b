package no.formidling.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Verified tokens are remembered only while they are valid, and a refused token is never remembered. */
class VerifiedTokenCacheTest {
    static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    final AtomicLong nanos = new AtomicLong();
    final List<String> verified = new ArrayList<>();
    Instant now = START;

    Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    void advance(Duration d) {
        now = now.plus(d);
        nanos.addAndGet(d.toNanos());
    }

    /** Verifies like the real decoder: tokens named "expired…" or "forged…" fail; the others expire 10 minutes after START. */
    JwtDecoder verifier() {
        return token -> {
            verified.add(token);
            if (token.startsWith("forged") || (token.startsWith("expired") || now.isAfter(START.plus(Duration.ofMinutes(10))))) {
                throw new BadJwtException("refused " + token);
            }
            Instant exp = token.startsWith("no-exp") ? null : START.plus(Duration.ofMinutes(10));
            return Jwt.withTokenValue(token).header("alg", "RS256").claim("sub", token).issuedAt(START).expiresAt(exp).build();
        };
    }

    @Test
    void aValidTokenIsVerifiedOnceUntilItExpires() {
        var cache = new VerifiedTokenCache(verifier(), clock(), nanos::get);
        assertThat(cache.decode("token-a").getSubject()).isEqualTo("token-a");
        advance(Duration.ofMinutes(9));
        assertThat(cache.decode("token-a").getSubject()).isEqualTo("token-a");
        assertThat(verified).containsExactly("token-a");

        advance(Duration.ofMinutes(2)); // past exp: verified again, and the verifier refuses it
        assertThatThrownBy(() -> cache.decode("token-a")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("token-a", "token-a");
    }

    @Test
    void refusedTokensAndTokensWithoutExpiryAreVerifiedEveryTime() {
        var cache = new VerifiedTokenCache(verifier(), clock(), nanos::get);
        assertThatThrownBy(() -> cache.decode("forged-b")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged-b")).isInstanceOf(BadJwtException.class);
        cache.decode("no-exp-c");
        cache.decode("no-exp-c");
        assertThat(verified).containsExactly("forged-b", "forged-b", "no-exp-c", "no-exp-c");
    }
}
