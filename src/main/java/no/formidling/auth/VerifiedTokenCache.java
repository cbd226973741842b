package no.formidling.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed verification, keyed by their exact text, until their {@code exp}: a client sends the
 * same token with every request, and parsing, RS256 verification and claim conversion were about 7 % of the server's
 * CPU in a small-file lifecycle. A token that fails is never remembered; one without {@code exp} is verified every time.
 */
final class VerifiedTokenCache implements JwtDecoder {
    static final int MAX_TOKENS = 10_000;
    private final JwtDecoder verifier;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder verifier) {
        this(verifier, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** The clock reads {@code exp} against the time the verifier's validators use; the ticker measures the wait. */
    VerifiedTokenCache(JwtDecoder verifier, Clock clock, Ticker ticker) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .ticker(ticker)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt, clock)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private static Duration untilExpiry(Jwt jwt, Clock clock) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(clock), expires);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
