package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.formidling.web.CappedCounts;
import no.formidling.web.KeysetPage;
import org.junit.jupiter.api.Test;

/** What a list says about its matches: exact counts, counts that stopped at the cap, and links that keep the filters. */
class ListViewTest {
    enum Status { Open, Done }

    private static final KeysetPage.Rows<String> ROWS = new KeysetPage.Rows<>(List.of("a"), "newer", "older");

    private static Map<Status, Long> counts(long open, long done) {
        Map<Status, Long> counts = new LinkedHashMap<>();
        counts.put(Status.Open, open);
        counts.put(Status.Done, done);
        return counts;
    }

    @Test
    void theTotalIsTheSumOrTheChosenStatusAndEveryLinkKeepsTheSearch() {
        ListView all = ListView.of(new ListQuery("/app/sent", "Blåbær og ørret", null, "r1", null, null), counts(3, 4), ROWS);
        assertThat(all.total()).isEqualTo(7);
        assertThat(all.more()).isFalse();
        assertThat(all.next()).isEqualTo("/app/sent?q=Bl%C3%A5b%C3%A6r%20og%20%C3%B8rret&resource=r1&after=older");
        assertThat(all.previous()).isEqualTo("/app/sent?q=Bl%C3%A5b%C3%A6r%20og%20%C3%B8rret&resource=r1&before=newer");
        assertThat(all.counts().get(1).link()).isEqualTo("/app/sent?q=Bl%C3%A5b%C3%A6r%20og%20%C3%B8rret&status=Done&resource=r1");

        ListView done = ListView.of(new ListQuery("/app/sent", null, "Done", null, "older", null), counts(3, 4), ROWS);
        assertThat(done.total()).isEqualTo(4);
        assertThat(done.counts().get(1).chosen()).isTrue();
        assertThat(done.next()).isEqualTo("/app/sent?status=Done&after=older");
    }

    @Test
    void aCountThatStoppedAtTheCapSaysMore() {
        ListView view = ListView.of(new ListQuery("/ops/transfers", null, null, null, null, null), counts(CappedCounts.CAP + 1, 5), ROWS);
        assertThat(view.counts().get(0).count()).isEqualTo(CappedCounts.CAP);
        assertThat(view.counts().get(0).more()).isTrue();
        assertThat(view.counts().get(1).more()).isFalse();
        assertThat(view.total()).isEqualTo(CappedCounts.CAP + 5);
        assertThat(view.more()).isTrue();
    }

    @Test
    void noCountsAtAllMeanASearchWithMoreMatchesThanTheCap() {
        Map<Status, Long> sample = counts(CappedCounts.CAP, 1);
        assertThat(CappedCounts.complete(sample)).isEmpty();
        assertThat(CappedCounts.complete(counts(2, 1))).containsEntry(Status.Open, 2L);
        ListView view = ListView.of(new ListQuery("/app/inbox", "rapport", null, null, null, null), CappedCounts.complete(sample), ROWS);
        assertThat(view.more()).isTrue();
        assertThat(view.total()).isEqualTo(CappedCounts.CAP);
        assertThat(view.counts()).isEmpty();
    }
}
