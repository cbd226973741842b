package no.formidling.auth;

import java.util.Set;

/** The resources a system user has rights to; the identity feature answers it from its register of system users. */
public interface SystemUserRights {

    /** @return the resource ids, or an empty set when no live system user has this id */
    Set<String> resourcesOf(String systemUserId);
}
