package no.formidling.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Page cursors: they survive a round trip to the microsecond, a bad one is a 400, and next/previous links appear only where rows are. */
class KeysetPageTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:15:30.123456Z");

    record Row(Instant at, UUID id) {
    }

    private static Keyset key(Row r) {
        return new Keyset(r.at(), r.id());
    }

    @Test
    void aCursorComesBackAsTheSameTimeAndId() {
        Keyset k = new Keyset(AT, UUID.randomUUID());
        String cursor = k.encode();
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Keyset.decode(cursor)).isEqualTo(k);
        Keyset beforeEpoch = new Keyset(Instant.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID());
        assertThat(Keyset.decode(beforeEpoch.encode())).isEqualTo(beforeEpoch);
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertThat(Keyset.decode(null)).isNull();
        assertThat(Keyset.decode(" ")).isNull();
        KeysetPage first = KeysetPage.of(null, "", 10);
        assertThat(first.condition("t.created", "t.id")).isEmpty();
        assertThat(first.order("t.created", "t.id")).isEqualTo(" order by t.created desc, t.id desc limit 11");
        assertThat(first.params()).isEmpty();
    }

    @Test
    void aCursorThatIsNotOursIsABadRequest() {
        String notBase64 = "***";
        String wrongShape = encode("hello");
        String badUuid = encode("1.2.not-a-uuid");
        String badNanos = encode("1.2000000000." + UUID.randomUUID());
        String tooFarAway = encode(Long.MAX_VALUE + ".0." + UUID.randomUUID());
        for (String cursor : List.of(notBase64, wrongShape, badUuid, badNanos, tooFarAway)) {
            assertThatThrownBy(() -> KeysetPage.of(cursor, null, 10)).as(cursor).isInstanceOfSatisfying(ApiProblem.class,
                    p -> assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST));
            assertThatThrownBy(() -> KeysetPage.of(null, cursor, 10)).as(cursor).isInstanceOf(ApiProblem.class);
        }
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goingForwardSeeksOlderRowsAndOffersBothWaysWhileThereIsMore() {
        List<Row> newestFirst = rows(5);
        KeysetPage after = KeysetPage.of(key(newestFirst.get(0)).encode(), null, 2);
        assertThat(after.condition("at", "id")).isEqualTo(" and (at, id) < (:keysetAt, :keysetId)");
        assertThat(after.params()).containsEntry("keysetId", newestFirst.get(0).id());

        KeysetPage.Rows<Row> page = after.rows(newestFirst.subList(1, 4), KeysetPageTest::key);
        assertThat(page.rows()).containsExactly(newestFirst.get(1), newestFirst.get(2));
        assertThat(page.previous()).isEqualTo(key(newestFirst.get(1)).encode());
        assertThat(page.next()).isEqualTo(key(newestFirst.get(2)).encode());

        KeysetPage.Rows<Row> last = after.rows(newestFirst.subList(3, 5), KeysetPageTest::key);
        assertThat(last.next()).as("nothing older").isNull();
        assertThat(last.previous()).isNotNull();
    }

    @Test
    void goingBackFetchesOldestFirstAndShowsNewestFirst() {
        List<Row> newestFirst = rows(5);
        KeysetPage before = KeysetPage.of(null, key(newestFirst.get(3)).encode(), 2);
        assertThat(before.condition("at", "id")).isEqualTo(" and (at, id) > (:keysetAt, :keysetId)");
        assertThat(before.order("at", "id")).isEqualTo(" order by at asc, id asc limit 3");

        // fetched oldest first: rows 2, 1, 0 (one more than the page: there is a newer page)
        KeysetPage.Rows<Row> page = before.rows(List.of(newestFirst.get(2), newestFirst.get(1), newestFirst.get(0)), KeysetPageTest::key);
        assertThat(page.rows()).containsExactly(newestFirst.get(1), newestFirst.get(2));
        assertThat(page.previous()).isEqualTo(key(newestFirst.get(1)).encode());
        assertThat(page.next()).isEqualTo(key(newestFirst.get(2)).encode());

        KeysetPage.Rows<Row> first = before.rows(List.of(newestFirst.get(1), newestFirst.get(0)), KeysetPageTest::key);
        assertThat(first.rows()).containsExactly(newestFirst.get(0), newestFirst.get(1));
        assertThat(first.previous()).as("back at the newest").isNull();
        assertThat(first.next()).isNotNull();
    }

    @Test
    void aFirstPageThatHoldsEverythingHasNoLinks() {
        KeysetPage.Rows<Row> page = KeysetPage.of(null, null, 10).rows(rows(3), KeysetPageTest::key);
        assertThat(page.rows()).hasSize(3);
        assertThat(page.previous()).isNull();
        assertThat(page.next()).isNull();
        assertThat(KeysetPage.of(null, null, 10).rows(List.<Row>of(), KeysetPageTest::key).next()).isNull();
    }

    private static List<Row> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Row(AT.minusSeconds(i), UUID.randomUUID())).toList();
    }
}
