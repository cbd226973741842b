package no.formidling.bridge.client;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Base for token sources that fetch a JWT and reuse it until a minute before its {@code exp}. */
abstract class CachedToken implements TokenSource {
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private String token;
    private Instant renewAt = Instant.MIN;

    protected abstract String fetch();

    @Override
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            token = fetch();
            renewAt = expiry(token).minus(MARGIN);
        }
        return token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    static Instant expiry(String jwt) {
        try {
            Date exp = JWTParser.parse(jwt).getJWTClaimsSet().getExpirationTime();
            return exp == null ? Instant.now().plus(Duration.ofMinutes(5)) : exp.toInstant();
        } catch (ParseException e) {
            // Not a JWT (an opaque token): keep it for a short while.
            return Instant.now().plus(Duration.ofMinutes(5));
        }
    }
}
