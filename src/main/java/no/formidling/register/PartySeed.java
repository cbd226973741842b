package no.formidling.register;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads parties declared under {@code formidling.register.parties} at startup (a bad identifier stops startup). */
@Component
@Order(0)
@EnableConfigurationProperties(PartySeed.RegisterProperties.class)
class PartySeed implements ApplicationRunner {

    @ConfigurationProperties("formidling.register")
    record RegisterProperties(List<Party> parties) {
        RegisterProperties {
            parties = parties == null ? List.of() : parties;
        }

        record Party(String party, String name, String email, String mobileNumber, boolean reserved) {
        }
    }

    private final PartyRegister register;
    private final RegisterProperties properties;

    PartySeed(PartyRegister register, RegisterProperties properties) {
        this.register = register;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (RegisterProperties.Party p : properties.parties()) {
            PartyId id = PartyId.parse(p.party());
            if (id == null) {
                throw new IllegalStateException("formidling.register.parties: '" + p.party()
                        + "' is neither 0192:<orgNo> nor a valid 11-digit national identity number");
            }
            register.put(id, p.name(), p.email(), p.mobileNumber(), p.reserved());
        }
    }
}
