package no.formidling.auth;

/**
 * A signed-in principal that is not a bearer token but acts as a {@link Caller}: the web pages' session users. The
 * use cases that resolve their caller themselves ({@link CallerResolver#current()}) then apply the API's rules to it.
 */
public interface CallerPrincipal {
    Caller caller();
}
