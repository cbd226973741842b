package no.formidling.app;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.formidling.identity.IdentityPages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in organisation's system users: it accepts or rejects what vendors asked for (a request's
 * {@code confirmUrl} leads here with {@code ?request=<id>}), deletes system users, and keeps its Maskinporten clients.
 */
@Controller
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class SystemUsersController {
    static final String PATH = "/app/systemusers";
    private final IdentityPages identity;
    private final PageUsers users;
    private final Sentences sentences;

    SystemUsersController(IdentityPages identity, PageUsers users, Sentences sentences) {
        this.identity = identity;
        this.users = users;
        this.sentences = sentences;
    }

    @GetMapping(PATH)
    String page(@RequestParam(required = false) UUID request, @RequestParam(required = false) String client, Model model) {
        PageUser me = users.current();
        List<IdentityPages.RequestRow> pending = identity.pending(me.orgNo(), request);
        if (request != null && pending.stream().noneMatch(r -> r.id().equals(request)) && !model.containsAttribute("notice")) {
            // a vendor's link followed again after the answer
            model.addAttribute("problem", identity.statusOf(me.orgNo(), request)
                    .map(s -> sentences.get("systemusers.requests.answered", sentences.get("systemusers.status." + s.name())))
                    .orElse(sentences.get("systemusers.requests.notFound")));
        }
        Optional<IdentityPages.ClientRow> chosen = client == null ? Optional.empty() : identity.client(me.orgNo(), client);
        model.addAttribute("me", me);
        model.addAttribute("highlighted", request);
        model.addAttribute("requests", pending);
        model.addAttribute("systemUsers", identity.systemUsers(me.orgNo()));
        model.addAttribute("clients", identity.clients(me.orgNo()));
        model.addAttribute("scopes", IdentityPages.GRANTABLE_SCOPES);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ClientForm(chosen.map(IdentityPages.ClientRow::clientId).orElse(""),
                    chosen.map(IdentityPages.ClientRow::scopes).orElse(List.of()), "", ""));
        }
        return "app/systemusers";
    }

    @PostMapping(PATH + "/requests/{id}/accept")
    String accept(@PathVariable UUID id, RedirectAttributes flash) {
        answered(identity.accept(users.current().orgNo(), id), "systemusers.requests.accepted", flash);
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/requests/{id}/reject")
    String reject(@PathVariable UUID id, RedirectAttributes flash) {
        answered(identity.reject(users.current().orgNo(), id), "systemusers.requests.rejected", flash);
        return "redirect:" + PATH;
    }

    private void answered(Optional<IdentityPages.Answered> answer, String notice, RedirectAttributes flash) {
        if (answer.isEmpty()) {
            flash.addFlashAttribute("problem", sentences.get("systemusers.requests.notOpen"));
            return;
        }
        flash.addFlashAttribute("notice", sentences.get(notice, answer.get().systemName()));
        String back = answer.get().redirectUrl();
        if (back != null && (back.startsWith("https://") || back.startsWith("http://"))) {
            flash.addFlashAttribute("returnUrl", back);
        }
    }

    @PostMapping(PATH + "/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        identity.deleteSystemUser(users.current().orgNo(), id).ifPresentOrElse(
                name -> flash.addFlashAttribute("notice", sentences.get("systemusers.users.deleted", name)),
                () -> flash.addFlashAttribute("problem", sentences.get("systemusers.users.notFound")));
        return "redirect:" + PATH;
    }

    /** What the client form holds; kept when the form is refused so nothing typed is lost, except a private key, which is never shown again. */
    record ClientForm(String clientId, List<String> scopes, String publicKey, String keyId) {
    }

    @PostMapping(PATH + "/clients")
    String saveClient(@RequestParam(defaultValue = "") String clientId, @RequestParam(required = false) List<String> scopes,
                      @RequestParam(defaultValue = "") String publicKey, @RequestParam(defaultValue = "") String keyId, RedirectAttributes flash) {
        try {
            IdentityPages.SavedClient saved = identity.saveClient(users.current().orgNo(), clientId, scopes, publicKey, keyId);
            flash.addFlashAttribute("clientNotice", sentences.get(saved.created() ? "systemusers.clients.created" : "systemusers.clients.changed",
                    saved.clientId(), String.join(", ", saved.keyIds())));
        } catch (IdentityPages.ClientRefused refused) {
            flash.addFlashAttribute("clientProblem", sentences.get("systemusers.clients.refused." + refused.reason()));
            String keep = refused.reason().equals(no.formidling.identity.KeyRefusal.PRIVATE.name()) ? "" : publicKey;
            flash.addFlashAttribute("form", new ClientForm(clientId, scopes == null ? List.of() : scopes, keep, keyId));
        }
        // the answer shows beside the form (not at the top of the page, out of sight)
        return "redirect:" + PATH + "#clients";
    }
}
