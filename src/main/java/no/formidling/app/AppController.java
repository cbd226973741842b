package no.formidling.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.Parties;
import no.formidling.auth.ResourceRegistry;
import no.formidling.broker.FileTransfer;
import no.formidling.broker.FileTransferPages;
import no.formidling.broker.FileTransferListing;
import no.formidling.broker.FileTransferListing.Filter;
import no.formidling.broker.FileTransferListing.Side;
import no.formidling.broker.FileTransferStatus;
import no.formidling.web.ApiProblem;
import no.formidling.web.KeysetPage;
import no.formidling.web.ValidationProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Send, sent and inbox for the signed-in organisation. */
@Controller
class AppController {
    static final String TUS_PATH = "/broker/api/v1/filetransfer/upload/tus/";
    private final FileTransferPages transfers;
    private final FileTransferListing listing;
    private final ResourceRegistry registry;
    private final PageUsers users;
    private final Sentences sentences;
    private final int pageSize;

    AppController(FileTransferPages transfers, FileTransferListing listing, ResourceRegistry registry, PageUsers users,
                  Sentences sentences, @Value("${formidling.pages.page-size:50}") int pageSize) {
        this.transfers = transfers;
        this.listing = listing;
        this.pageSize = pageSize;
        this.registry = registry;
        this.users = users;
        this.sentences = sentences;
    }

    /** A listed transfer with its history, as the templates show it. */
    record Row(FileTransfer transfer, FileTransfer.Recipient mine, List<FileTransferPages.Step> history) {
    }

    @GetMapping("/app")
    String home() {
        return users.current().isPerson() ? "redirect:/app/messages" : "redirect:/app/inbox";
    }

    @GetMapping("/app/inbox")
    String inbox(ListParams params, Model model) {
        PageUser me = users.current();
        List<String> readable = readableResources(me);
        Filter filter = new Filter(Side.RECEIVED, me.party(), only(readable, params.resource()), params.status(FileTransferStatus.class), params.q());
        KeysetPage.Rows<FileTransfer> page = listing.page(filter, params.page(pageSize));
        Map<UUID, List<FileTransferPages.Step>> histories = listing.histories(page.rows().stream().map(FileTransfer::id).toList());
        List<Row> rows = page.rows().stream()
                .map(t -> new Row(t, t.recipient(me.party()), histories.getOrDefault(t.id(), List.of()))).toList();
        model.addAttribute("me", me);
        model.addAttribute("rows", rows);
        model.addAttribute("list", ListView.of(params.at("/app/inbox"), listing.counts(filter), page));
        model.addAttribute("resources", readable);
        model.addAttribute("statuses", FileTransferStatus.values());
        return "app/inbox";
    }

    @GetMapping("/app/sent")
    String sent(ListParams params, Model model) {
        sentList(params, model);
        model.addAttribute("statuses", FileTransferStatus.values());
        return "app/sent";
    }

    /** The sent table's body alone, for the same filters and page: the page polls it (htmx) so statuses change without a reload. */
    @GetMapping("/app/sent/rows")
    String sentRowsFragment(ListParams params, Model model) {
        sentList(params, model);
        return "app/sent :: rows";
    }

    private void sentList(ListParams params, Model model) {
        PageUser me = users.current();
        List<String> resources = registry.resourcesOf(me.party()).stream().map(ResourceRegistry.RegisteredResource::resourceId).toList();
        Filter filter = new Filter(Side.SENT, me.party(), only(resources, params.resource()), params.status(FileTransferStatus.class), params.q());
        KeysetPage.Rows<FileTransfer> page = listing.page(filter, params.page(pageSize));
        model.addAttribute("me", me);
        model.addAttribute("rows", page.rows().stream().map(t -> new Row(t, null, List.of())).toList());
        model.addAttribute("list", ListView.of(params.at("/app/sent"), listing.counts(filter), page));
        model.addAttribute("resources", resources);
    }

    /** The chosen resource when it is one of {@code allowed}, else all of them (none when it is not allowed). */
    static List<String> only(List<String> allowed, String chosen) {
        return chosen == null || chosen.isBlank() ? allowed : allowed.stream().filter(chosen::equals).toList();
    }

    @GetMapping("/app/send")
    String send(@RequestParam(required = false) String resource, Model model) {
        PageUser me = users.current();
        List<ResourceRegistry.RegisteredResource> writable = registry.resourcesOf(me.party()).stream()
                .filter(r -> registry.canWrite(r.resourceId(), me.party())).toList();
        ResourceRegistry.RegisteredResource chosen = writable.stream().filter(r -> r.resourceId().equals(resource)).findFirst()
                .orElse(writable.isEmpty() ? null : writable.get(0));
        List<String> recipients = chosen == null ? List.of() : chosen.accessList().stream()
                .filter(e -> e.actions().contains("read") && !e.party().equals(me.party()))
                .map(e -> Parties.orgNo(e.party())).toList();
        model.addAttribute("me", me);
        model.addAttribute("resources", writable);
        model.addAttribute("resource", chosen == null ? null : chosen.resourceId());
        model.addAttribute("recipients", recipients);
        model.addAttribute("token", users.browserToken(me));
        model.addAttribute("tusPath", TUS_PATH);
        return "app/send";
    }

    /**
     * Creates the transfer for one file of the send page; the browser then uploads it with TUS. {@code checksum} is the
     * MD5 the browser computed (small files): the server fails the upload when the bytes that arrive do not match it.
     */
    @PostMapping(path = "/app/send/transfers", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> initialize(@RequestParam String resource, @RequestParam(required = false) List<String> recipients,
                                                   @RequestParam String fileName, @RequestParam(required = false) String reference,
                                                   @RequestParam(required = false) String checksum) {
        PageUser me = users.current();
        if (recipients == null || recipients.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", sentences.get("send.error.noRecipients")));
        }
        try {
            UUID id = transfers.initialize(me.caller(), resource, fileName,
                    recipients.stream().map(r -> Parties.isOrgNo(r) ? Parties.ofOrgNo(r) : r).toList(),
                    reference == null || reference.isBlank() ? fileName : reference, checksum);
            return ResponseEntity.ok(Map.of("fileTransferId", id.toString(), "uploadUrl", TUS_PATH + id));
        } catch (ApiProblem problem) {
            return ResponseEntity.status(problem.status()).body(Map.of("error", sentences.of(problem)));
        } catch (ValidationProblem invalid) {
            // e.g. a file name the API refuses (a path, control characters)
            return ResponseEntity.badRequest().body(Map.of("error", sentences.get("send.error.invalid")));
        }
    }

    /** A transfer's status and the server's MD5, for the send page once an upload finishes. */
    @GetMapping(path = "/app/transfers/{id}", produces = "application/json")
    @ResponseBody
    Map<String, Object> summary(@PathVariable UUID id) {
        FileTransfer t = transfers.get(users.current().caller(), id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fileTransferId", t.id().toString());
        out.put("status", t.status().name());
        out.put("statusText", sentences.get("status." + t.status().name()));
        out.put("size", t.size());
        out.put("checksum", t.checksum());
        return out;
    }

    @GetMapping("/app/transfers/{id}/download")
    void download(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        transfers.download(users.current().caller(), id, request, response);
    }

    @PostMapping("/app/transfers/{id}/confirm")
    String confirm(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            FileTransfer t = transfers.get(users.current().caller(), id);
            transfers.confirm(users.current().caller(), id);
            flash.addFlashAttribute("notice", sentences.get("inbox.confirmed", t.fileName()));
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("problem", sentences.of(problem));
        }
        return "redirect:/app/inbox";
    }

    @PostMapping("/app/transfers/{id}/cancel")
    String cancel(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            FileTransfer t = transfers.get(users.current().caller(), id);
            transfers.cancel(users.current().caller(), id);
            flash.addFlashAttribute("notice", sentences.get("sent.cancelled", t.fileName()));
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("problem", sentences.of(problem));
        }
        return "redirect:/app/sent";
    }

    private List<String> readableResources(PageUser me) {
        return registry.resourcesOf(me.party()).stream().map(ResourceRegistry.RegisteredResource::resourceId)
                .filter(r -> registry.canRead(r, me.party())).toList();
    }
}
