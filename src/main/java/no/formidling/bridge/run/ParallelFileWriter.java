package no.formidling.bridge.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/** Handles a chunk's files with up to {@code limits.concurrency} at a time and counts what each came to. */
class ParallelFileWriter<T> implements ItemWriter<T> {
    private final RunContext run;
    private final ExecutorService workers;
    private final Function<T, FileOutcome> handler;

    ParallelFileWriter(RunContext run, ExecutorService workers, Function<T, FileOutcome> handler) {
        this.run = run;
        this.workers = workers;
        this.handler = handler;
    }

    @Override
    public void write(Chunk<? extends T> chunk) throws Exception {
        List<Future<FileOutcome>> pending = new ArrayList<>();
        for (T item : chunk) {
            pending.add(workers.submit(() -> handler.apply(item)));
        }
        Exception first = null;
        for (Future<FileOutcome> f : pending) {
            try {
                run.count(f.get());
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        }
        if (first != null) {
            // Something other than a bad file (e.g. the database): the run fails and can be restarted.
            throw first;
        }
    }
}
