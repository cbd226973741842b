package no.formidling.correspondence;

import java.util.Map;
import no.formidling.web.KeysetPage;

/** One page of a list of messages, its rows as a page shows them, and the number in each status under the same filter. */
public record MessageList<T>(KeysetPage.Rows<T> page, Map<CorrespondenceStatus, Long> counts) {
}
