package no.formidling.ops;

import java.util.List;
import no.formidling.app.ListQuery;
import no.formidling.app.ListView;
import no.formidling.broker.FileTransfer;
import no.formidling.broker.FileTransferListing;
import no.formidling.broker.FileTransferListing.Filter;
import no.formidling.broker.FileTransferListing.Side;
import no.formidling.broker.FileTransferStatus;
import no.formidling.web.KeysetPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Every transfer on the server for operators, a page at a time: search, filters by status and resource, counts. */
@Controller
class OpsTransfersController {
    private final FileTransferListing listing;
    private final int pageSize;

    OpsTransfersController(FileTransferListing listing, @Value("${formidling.pages.page-size:50}") int pageSize) {
        this.listing = listing;
        this.pageSize = pageSize;
    }

    @GetMapping("/ops/transfers")
    String transfers(@RequestParam(required = false) String q, @RequestParam(required = false) FileTransferStatus status,
                     @RequestParam(required = false) String resource, @RequestParam(required = false) String after,
                     @RequestParam(required = false) String before, Model model) {
        Filter filter = new Filter(Side.ALL, null, resource == null || resource.isBlank() ? null : List.of(resource), status, q);
        KeysetPage.Rows<FileTransfer> page = listing.page(filter, KeysetPage.of(after, before, pageSize));
        ListQuery query = new ListQuery("/ops/transfers", q, status == null ? null : status.name(), resource, after, before);
        model.addAttribute("rows", page.rows());
        model.addAttribute("list", ListView.of(query, listing.counts(filter), page));
        model.addAttribute("resources", listing.resourceIds());
        model.addAttribute("statuses", FileTransferStatus.values());
        return "ops/transfers";
    }
}
