package no.formidling.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.TreeSet;
import no.formidling.auth.AuthProperties;
import no.formidling.auth.Parties;
import no.formidling.auth.ResourceRegistry;
import no.formidling.register.NationalIdentityNumber;
import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in to the pages. Embedded default: pick one of the organisations in the access lists, a person (from the party
 * register or typed, mod-11 checked) or the operator, the same trust as the dev token issuer. With {@code prod}: the
 * OpenID Connect provider's login.
 */
@Controller
class SignInController {
    static final String OPERATOR_CHOICE = "operator";
    private static final int PERSONS_OFFERED = 50;
    private final AuthProperties auth;
    private final ResourceRegistry registry;
    private final ObjectProvider<ClientRegistrationRepository> oidcClients;
    private final OidcPartyMapping mapping;
    private final PageUsers users;
    private final PartyRegister register;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SignInController(AuthProperties auth, ResourceRegistry registry, ObjectProvider<ClientRegistrationRepository> oidcClients,
                     OidcPartyMapping mapping, PageUsers users, PartyRegister register) {
        this.register = register;
        this.auth = auth;
        this.registry = registry;
        this.oidcClients = oidcClients;
        this.mapping = mapping;
        this.users = users;
    }

    @GetMapping("/app/signin")
    String signIn(Model model) {
        model.addAttribute("devSignIn", auth.devTokens());
        model.addAttribute("organisations", auth.devTokens() ? organisations().stream().map(Parties::orgNo).toList() : List.of());
        model.addAttribute("persons", auth.devTokens() ? register.persons(PERSONS_OFFERED) : List.of());
        model.addAttribute("oidcUrl", oidcClients.getIfAvailable() == null ? null : "/oauth2/authorization/" + mapping.registrationId());
        return "app/signin";
    }

    @PostMapping("/app/signin")
    String devSignIn(@RequestParam(required = false) String who, HttpServletRequest request, HttpServletResponse response) {
        if (!auth.devTokens()) {
            return "redirect:/app/signin";
        }
        PageUser user;
        if (OPERATOR_CHOICE.equals(who)) {
            user = PageUser.operator("admin");
        } else if (who != null && Parties.isOrgNo(who) && organisations().contains(Parties.ofOrgNo(who))) {
            user = PageUser.organisation(Parties.ofOrgNo(who));
        } else {
            return "redirect:/app/signin?choose";
        }
        return signedIn(user, request, response);
    }

    /** The organisations the dev sign-in offers: those the access lists name, and the service owners (their sent messages). */
    private List<String> organisations() {
        TreeSet<String> all = new TreeSet<>(registry.parties());
        all.addAll(registry.serviceOwners());
        return List.copyOf(all);
    }

    /** A person: the number typed wins over the one picked from the register; it must pass the mod-11 check. */
    @PostMapping("/app/signin/person")
    String devPersonSignIn(@RequestParam(required = false) String person, @RequestParam(required = false) String pid,
                           HttpServletRequest request, HttpServletResponse response) {
        if (!auth.devTokens()) {
            return "redirect:/app/signin";
        }
        String number = pid != null && !pid.isBlank() ? pid.replaceAll("\\s", "") : person;
        if (!NationalIdentityNumber.isValid(number)) {
            return "redirect:/app/signin?badPid";
        }
        return signedIn(users.devPerson(number, register.nameOf(new PartyId(null, number))), request, response);
    }

    private String signedIn(PageUser user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PageAuthentication(user));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return home(user);
    }

    /** Where an OpenID Connect sign-in lands: the operator's console or the organisation's inbox. */
    @GetMapping("/app/signin/done")
    String afterOidc() {
        return home(users.current());
    }

    private static String home(PageUser user) {
        return user.operator() ? "redirect:/ops" : user.isPerson() ? "redirect:/app/messages" : "redirect:/app/inbox";
    }
}
