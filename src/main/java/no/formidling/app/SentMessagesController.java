package no.formidling.app;

import java.util.UUID;
import no.formidling.correspondence.SentCorrespondences;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The messages a service owner's organisation sent: the list, and one message with its status history and its
 * notifications (who, how, when, sent or failed), for support staff asked "I never got it". Access is the API's sender's.
 */
@Controller
class SentMessagesController {
    private static final int LIST_LIMIT = 200;
    private final SentCorrespondences sent;
    private final PageUsers users;

    SentMessagesController(SentCorrespondences sent, PageUsers users) {
        this.sent = sent;
        this.users = users;
    }

    @GetMapping("/app/sent-messages")
    String list(Model model) {
        model.addAttribute("me", users.current());
        model.addAttribute("messages", sent.list(LIST_LIMIT));
        return "app/sent-messages";
    }

    @GetMapping("/app/sent-messages/{id}")
    String one(@PathVariable UUID id, Model model) {
        model.addAttribute("me", users.current());
        model.addAttribute("message", sent.detail(id));
        return "app/sent-message";
    }
}
