package no.formidling.register;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Names, notification addresses and reservations of parties. Unregistered parties simply have none. */
@Service
public class PartyRegister {

    public record RegisteredParty(String party, String name, String email, String mobileNumber, boolean reserved) {
    }

    private final JdbcClient db;
    private final Clock clock;

    public PartyRegister(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private static final String COLUMNS = "party, name, email, mobile_number, reserved";
    private static final RowMapper<RegisteredParty> ROW =
            (rs, n) -> new RegisteredParty(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));

    public Optional<RegisteredParty> find(PartyId party) {
        return db.sql("select " + COLUMNS + " from register_party where party = ?").param(party.key()).query(ROW).optional();
    }

    /** Registered persons (not organisations), the most recently registered first, at most {@code limit}: the dev sign-in offers them. */
    public List<RegisteredParty> persons(int limit) {
        return db.sql("select " + COLUMNS + " from register_party where party ~ '^[0-9]{11}$' order by updated desc, party limit ?")
                .param(limit).query(ROW).list();
    }

    /** The KRR reservation: only persons can reserve themselves. */
    public boolean isReserved(PartyId party) {
        return party.isPerson() && find(party).map(RegisteredParty::reserved).orElse(false);
    }

    public String nameOf(PartyId party) {
        return find(party).map(RegisteredParty::name).orElse(null);
    }

    public RegisteredParty put(PartyId party, String name, String email, String mobileNumber, boolean reserved) {
        db.sql("""
                insert into register_party (party, name, email, mobile_number, reserved, updated) values (?, ?, ?, ?, ?, ?)
                on conflict (party) do update set name = excluded.name, email = excluded.email,
                    mobile_number = excluded.mobile_number, reserved = excluded.reserved, updated = excluded.updated
                """).params(party.key(), name, email, mobileNumber, reserved, Timestamp.from(clock.instant())).update();
        return find(party).orElseThrow();
    }
}
