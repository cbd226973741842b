package no.formidling.app;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import no.formidling.correspondence.CorrespondencePages;
import no.formidling.correspondence.CorrespondenceStatus;
import no.formidling.correspondence.MessageList;
import no.formidling.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Correspondence messages of the signed-in organisation or person: the list, one message (opening it reads it, as
 * the API's content read does), confirm, attachment downloads. Access is the API's: a recipient sees its own.
 */
@Controller
class MessagesController {
    private final CorrespondencePages messages;
    private final PageUsers users;
    private final Sentences sentences;
    private final int pageSize;

    MessagesController(CorrespondencePages messages, PageUsers users, Sentences sentences,
                       @Value("${formidling.pages.page-size:50}") int pageSize) {
        this.pageSize = pageSize;
        this.messages = messages;
        this.users = users;
        this.sentences = sentences;
    }

    @GetMapping("/app/messages")
    String list(ListParams params, Model model) {
        MessageList<CorrespondencePages.Listed> received = messages.received(params.resource(), params.status(CorrespondenceStatus.class), params.q(),
                params.page(pageSize));
        model.addAttribute("me", users.current());
        model.addAttribute("messages", received.page().rows());
        model.addAttribute("list", ListView.of(params.at("/app/messages"), received.counts(), received.page()));
        model.addAttribute("statuses", received.counts().keySet());
        return "app/messages";
    }

    @GetMapping("/app/messages/{id}")
    String open(@PathVariable UUID id, Model model) {
        model.addAttribute("me", users.current());
        model.addAttribute("message", messages.open(id));
        return "app/message";
    }

    @PostMapping("/app/messages/{id}/confirm")
    String confirm(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            messages.confirm(id);
            flash.addFlashAttribute("notice", sentences.get("message.confirmed"));
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("problem", sentences.of(problem));
        }
        return "redirect:/app/messages/" + id;
    }

    /** The browser's own download, streamed from the blob store; records the download as the API does. */
    @GetMapping("/app/messages/{id}/attachments/{attachmentId}")
    void download(@PathVariable UUID id, @PathVariable UUID attachmentId, HttpServletResponse response) throws IOException {
        messages.download(id, attachmentId, response);
    }
}
