package no.formidling.bridge.client;

/** A token given in the job file (usually through {@code ${ENV_VAR}}). */
public record StaticToken(String value) implements TokenSource {
    @Override
    public String token() {
        return value;
    }
}
