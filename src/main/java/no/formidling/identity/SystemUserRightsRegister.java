package no.formidling.identity;

import java.util.Set;
import java.util.UUID;
import no.formidling.auth.SystemUserRights;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** A system user's rights as its organisation accepted them; none once it is deleted. */
@Component
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class SystemUserRightsRegister implements SystemUserRights {
    private final SystemUsers systemUsers;

    SystemUserRightsRegister(SystemUsers systemUsers) {
        this.systemUsers = systemUsers;
    }

    @Override
    public Set<String> resourcesOf(String systemUserId) {
        try {
            return systemUsers.find(UUID.fromString(systemUserId)).map(u -> Set.copyOf(u.resources())).orElse(Set.of());
        } catch (IllegalArgumentException notAUuid) {
            return Set.of();
        }
    }
}
