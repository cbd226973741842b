package no.formidling.identity;

import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The Maskinporten clients this server knows: each belongs to an organisation, may ask for its scopes, and signs with its public keys. */
@Service
public class MaskinportenClients {

    /** A registered client; {@code jwks} holds public keys only. */
    public record Client(String clientId, String orgNo, List<String> scopes, JWKSet jwks) {
    }

    private final JdbcClient db;

    MaskinportenClients(JdbcClient db) {
        this.db = db;
    }

    /** Letters, digits, '.', '_', ':' and '-', at most 255. */
    public static boolean isValidId(String clientId) {
        return clientId != null && clientId.length() <= 255 && clientId.matches("^[A-Za-z0-9._:-]+$");
    }

    public Optional<Client> find(String clientId) {
        return db.sql("select client_id, org_no, scopes, jwks from identity_client where client_id = ?").param(clientId)
                .query((rs, n) -> new Client(rs.getString(1), rs.getString(2), Arrays.asList((String[]) rs.getArray(3).getArray()),
                        parse(rs.getString(4)))).optional();
    }

    public List<Client> list(String orgNo) {
        return db.sql("select client_id from identity_client where cast(? as varchar) is null or org_no = ? order by client_id").params(orgNo, orgNo)
                .query(String.class).list().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** Creates or replaces the client; the key set is stored as public keys, whatever was sent. */
    public void put(Client client) {
        db.sql("""
                insert into identity_client (client_id, org_no, scopes, jwks) values (?, ?, ?, ?)
                on conflict (client_id) do update set org_no = excluded.org_no, scopes = excluded.scopes, jwks = excluded.jwks, updated_at = now()
                """).params(client.clientId(), client.orgNo(), client.scopes().toArray(String[]::new),
                client.jwks().toPublicJWKSet().toString()).update();
    }

    public boolean delete(String clientId) {
        return db.sql("delete from identity_client where client_id = ?").param(clientId).update() > 0;
    }

    private static JWKSet parse(String json) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored client key set is not a JWK set", e);
        }
    }
}
