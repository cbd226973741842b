package no.formidling.app;

import java.util.Collection;
import java.util.Map;
import no.formidling.auth.Parties;
import no.formidling.register.NationalIdentityNumber;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an OpenID Connect sign-in ({@code prod}) becomes a {@link PageUser}: the claim {@code partyClaim} names the
 * organisation (a 9-digit organisation number, {@code 0192:<orgNo>}, the {@code urn:altinn:organization:identifier-no:}
 * form, or an object with an {@code ID} such as Altinn's {@code consumer}); without it, the claim {@code personClaim}
 * (ID-porten's {@code pid}) makes the user that person, when it is a valid national identity number; a user whose claim
 * {@code operatorClaim} is or contains {@code operatorValue} is an operator.
 */
@ConfigurationProperties("formidling.web.oidc")
public record OidcPartyMapping(@DefaultValue("formidling") String registrationId,
                               @DefaultValue("urn:altinn:orgNumber") String partyClaim,
                               @DefaultValue("pid") String personClaim,
                               @DefaultValue("groups") String operatorClaim,
                               @DefaultValue("formidling-operators") String operatorValue) {

    /** The page user for these claims; null when they name no organisation, person or operator. */
    public PageUser map(Map<String, Object> claims, String userName) {
        Object operator = claims.get(operatorClaim);
        if (operatorValue.equals(operator) || (operator instanceof Collection<?> values && values.contains(operatorValue))) {
            return PageUser.operator(userName);
        }
        String party = party(claims.get(partyClaim));
        if (party != null) {
            return PageUser.organisation(party);
        }
        Object pid = claims.get(personClaim);
        return pid instanceof String number && NationalIdentityNumber.isValid(number.trim())
                ? PageUser.person(number.trim(), claims.get("name") instanceof String name ? name : null) : null;
    }

    private static String party(Object value) {
        if (value instanceof Map<?, ?> object) {
            value = object.get("ID");
        }
        if (!(value instanceof String text)) {
            return null;
        }
        return Parties.isOrgNo(text.trim()) ? Parties.ofOrgNo(text.trim()) : Parties.normalize(text);
    }
}
