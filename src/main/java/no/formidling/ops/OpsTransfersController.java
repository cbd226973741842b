package no.formidling.ops;

import java.util.List;
import no.formidling.app.ListParams;
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
    String transfers(ListParams params, Model model) {
        String resource = params.resource();
        Filter filter = new Filter(Side.ALL, null, resource == null || resource.isBlank() ? null : List.of(resource),
                params.status(FileTransferStatus.class), params.q());
        KeysetPage.Rows<FileTransfer> page = listing.page(filter, params.page(pageSize));
        model.addAttribute("rows", page.rows());
        model.addAttribute("list", ListView.of(params.at("/ops/transfers"), listing.counts(filter), page));
        model.addAttribute("resources", listing.resourceIds());
        model.addAttribute("statuses", FileTransferStatus.values());
        return "ops/transfers";
    }
}
