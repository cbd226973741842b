package no.formidling.bridge.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Tokens from a Formidling server's dev token endpoint ({@code GET /api/GetEnterpriseToken}). */
public class DevTokenSource extends CachedToken {
    private final URI uri;

    public DevTokenSource(String baseUrl, String orgNo, String scopes) {
        this.uri = URI.create(trimSlash(baseUrl) + "/api/GetEnterpriseToken?orgNo=" + URLEncoder.encode(orgNo, StandardCharsets.UTF_8)
                + "&scopes=" + URLEncoder.encode(scopes, StandardCharsets.UTF_8));
    }

    @Override
    protected String fetch() {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(uri).GET().build());
        if (r.statusCode() != 200) {
            throw BrokerCallException.of("GET " + uri, r.statusCode(), r.body());
        }
        return r.body().trim();
    }

    static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
