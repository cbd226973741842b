import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobDownloadToFileOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Baseline for broker-azurite.sh: the same file straight into Azurite and back with the Azure SDK, no server in
 * between, with the server's settings (8 MiB blocks, 2 in flight). Prints key=value lines.
 *
 *   java -cp '<jar's BOOT-INF/lib/*>' AzuriteDirectBench.java <connectionString> <sourceFile> <downloadFile>
 */
public class AzuriteDirectBench {
    public static void main(String[] args) throws Exception {
        String connectionString = args[0];
        Path source = Path.of(args[1]);
        Path target = Path.of(args[2]);
        ParallelTransferOptions transfer = new ParallelTransferOptions()
                .setBlockSizeLong(8L << 20).setMaxConcurrency(2).setMaxSingleUploadSizeLong(8L << 20);
        com.azure.storage.common.ParallelTransferOptions downloadTransfer = new com.azure.storage.common.ParallelTransferOptions()
                .setBlockSizeLong(8L << 20).setMaxConcurrency(2);
        var container = new BlobServiceClientBuilder().connectionString(connectionString).buildClient()
                .getBlobContainerClient("bench-direct");
        container.createIfNotExists();
        BlobClient blob = container.getBlobClient("direct-" + System.nanoTime());

        long t0 = System.nanoTime();
        blob.uploadFromFileWithResponse(new BlobUploadFromFileOptions(source.toString()).setParallelTransferOptions(transfer), null, Context.NONE);
        long upload = System.nanoTime() - t0;

        Files.deleteIfExists(target);
        t0 = System.nanoTime();
        blob.downloadToFileWithResponse(new BlobDownloadToFileOptions(target.toString()).setParallelTransferOptions(downloadTransfer), null, Context.NONE);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        long download = System.nanoTime() - t0;
        blob.delete();

        System.out.println("directUploadSeconds=" + String.format("%.3f", upload / 1e9));
        System.out.println("directDownloadSeconds=" + String.format("%.3f", download / 1e9));
        System.exit(0); // the SDK's Netty threads would keep the JVM alive a while
    }
}
