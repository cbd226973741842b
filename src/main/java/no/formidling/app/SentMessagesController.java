package no.formidling.app;

import java.util.UUID;
import no.formidling.correspondence.CorrespondenceStatus;
import no.formidling.correspondence.MessageList;
import no.formidling.correspondence.SentCorrespondences;
import org.springframework.beans.factory.annotation.Value;
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
    private final SentCorrespondences sent;
    private final PageUsers users;
    private final int pageSize;

    SentMessagesController(SentCorrespondences sent, PageUsers users, @Value("${formidling.pages.page-size:50}") int pageSize) {
        this.sent = sent;
        this.users = users;
        this.pageSize = pageSize;
    }

    @GetMapping("/app/sent-messages")
    String list(ListParams params, Model model) {
        MessageList<SentCorrespondences.Sent> found = sent.list(params.resource(), params.status(CorrespondenceStatus.class), params.q(), params.page(pageSize));
        model.addAttribute("me", users.current());
        model.addAttribute("messages", found.page().rows());
        model.addAttribute("list", ListView.of(params.at("/app/sent-messages"), found.counts(), found.page()));
        model.addAttribute("statuses", found.counts().keySet());
        return "app/sent-messages";
    }

    @GetMapping("/app/sent-messages/{id}")
    String one(@PathVariable UUID id, Model model) {
        model.addAttribute("me", users.current());
        model.addAttribute("message", sent.detail(id));
        return "app/sent-message";
    }
}
