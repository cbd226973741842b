package no.formidling.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientDownloadsTest {

    @Test
    void oneZipHoldsUpToTwoBillionBytesAsUpstream() {
        assertThat(RecipientDownloads.fitsInOneZip(25L * 1024 * 1024 + 1)).isTrue();
        assertThat(RecipientDownloads.fitsInOneZip(2_000_000_000L)).isTrue();
        assertThat(RecipientDownloads.fitsInOneZip(2_000_000_001L)).as("2023 above").isFalse();
    }

    @Test
    void duplicateNamesInTheZipGetANumber() {
        var taken = new java.util.HashSet<String>();
        assertThat(RecipientDownloads.unique("a.pdf", taken)).isEqualTo("a.pdf");
        assertThat(RecipientDownloads.unique("A.pdf", taken)).isEqualTo("A (2).pdf");
    }
}
