package no.formidling.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Altinn's system register: a vendor's system, the resources it may be given rights to, and the Maskinporten clients it runs as. */
@Service
public class SystemRegister {

    /** {@code name} and {@code description} map a language code ({@code en}, {@code nb}, {@code nn}) to text, as Altinn takes them. */
    public record RegisteredSystem(String systemId, UUID internalId, String vendorOrgNo, Map<String, String> name,
                                   Map<String, String> description, List<String> resources, List<String> clientIds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {
    };

    private final JdbcClient db;

    SystemRegister(JdbcClient db) {
        this.db = db;
    }

    /** @return false when a system with this id already exists (it is left as it is) */
    public boolean create(RegisteredSystem system) {
        return db.sql("""
                insert into identity_system (system_id, internal_id, vendor_org_no, name, description, resources, client_ids)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (system_id) do nothing""")
                .params(system.systemId(), system.internalId(), system.vendorOrgNo(), json(system.name()), json(system.description()),
                        system.resources().toArray(String[]::new), system.clientIds().toArray(String[]::new)).update() == 1;
    }

    /** Replaces what the vendor may change: name, description, rights and clients. */
    public void update(RegisteredSystem system) {
        db.sql("update identity_system set name = ?, description = ?, resources = ?, client_ids = ? where system_id = ?")
                .params(json(system.name()), json(system.description()), system.resources().toArray(String[]::new),
                        system.clientIds().toArray(String[]::new), system.systemId()).update();
    }

    public Optional<RegisteredSystem> find(String systemId) {
        return db.sql("select * from identity_system where system_id = ?").param(systemId).query(SystemRegister::row).optional();
    }

    /** Every system, or those of one vendor. */
    public List<RegisteredSystem> list(String vendorOrgNo) {
        return db.sql("select * from identity_system where cast(? as varchar) is null or vendor_org_no = ? order by system_id").params(vendorOrgNo, vendorOrgNo)
                .query(SystemRegister::row).list();
    }

    /** The systems that run as this Maskinporten client. */
    public List<RegisteredSystem> ofClient(String clientId) {
        return db.sql("select * from identity_system where ? = any(client_ids) order by system_id").param(clientId)
                .query(SystemRegister::row).list();
    }

    private static RegisteredSystem row(ResultSet rs, int n) throws SQLException {
        return new RegisteredSystem(rs.getString("system_id"), rs.getObject("internal_id", UUID.class), rs.getString("vendor_org_no"),
                texts(rs.getString("name")), texts(rs.getString("description")),
                Arrays.asList((String[]) rs.getArray("resources").getArray()), Arrays.asList((String[]) rs.getArray("client_ids").getArray()));
    }

    private static String json(Map<String, String> texts) {
        try {
            return JSON.writeValueAsString(texts == null ? Map.of() : texts);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> texts(String json) {
        try {
            return JSON.readValue(json, TEXTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored system name is not JSON", e);
        }
    }
}
