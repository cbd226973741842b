package no.formidling.ops;

import no.formidling.identity.IdentityPages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's view of identity: every Maskinporten client, system, system user and open request. */
@Controller
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class OpsIdentityController {
    private final IdentityPages identity;

    OpsIdentityController(IdentityPages identity) {
        this.identity = identity;
    }

    @GetMapping("/ops/identity")
    String identity(Model model) {
        model.addAttribute("clients", identity.clients(null));
        model.addAttribute("systems", identity.systems());
        model.addAttribute("systemUsers", identity.systemUsers(null));
        model.addAttribute("requests", identity.pending(null, null));
        return "ops/identity";
    }
}
