package no.formidling.register;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.formidling.web.ApiProblem;
import no.formidling.web.ValidationProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Our stand-in for Altinn Register and KRR; service-owner or maintenance scope (see RegisterRoutes). */
@RestController
@RequestMapping("/register/api/v1/parties")
@Tag(name = "Party register", description = "Names, notification addresses and reservations (self-hosting addition)")
class PartyRegisterController {

    record PartyExt(@Size(max = 255) String name,
                    @Email @Size(max = 255) String email,
                    @Pattern(regexp = "^\\+?\\d{3,15}$", message = "mobileNumber must be digits with an optional leading +") String mobileNumber,
                    Boolean reserved) {
    }

    private final PartyRegister register;

    PartyRegisterController(PartyRegister register) {
        this.register = register;
    }

    @PutMapping("/{party}")
    PartyRegister.RegisteredParty put(@PathVariable String party, @Valid @RequestBody PartyExt body) {
        PartyId id = parse(party);
        return register.put(id, body.name(), body.email(), body.mobileNumber(), Boolean.TRUE.equals(body.reserved()));
    }

    @GetMapping("/{party}")
    PartyRegister.RegisteredParty get(@PathVariable String party) {
        return register.find(parse(party)).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No registered party " + party));
    }

    private static PartyId parse(String party) {
        PartyId id = PartyId.parse(party);
        if (id == null) {
            throw ValidationProblem.of("party", "party must be 0192:<orgNo>, urn:altinn:organization:identifier-no:<orgNo> "
                    + "or an 11-digit national identity number with valid check digits");
        }
        return id;
    }
}
