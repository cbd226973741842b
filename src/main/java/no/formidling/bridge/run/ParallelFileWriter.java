package no.formidling.bridge.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * Handles a chunk's files with up to {@code limits.concurrency} at a time, in two passes (e.g. all uploads, then
 * all waits for Published), and counts what each file came to.
 */
class ParallelFileWriter<T> implements ItemWriter<T> {
    private final RunContext run;
    private final ExecutorService workers;
    private final Function<T, Supplier<FileOutcome>> handler;

    ParallelFileWriter(RunContext run, ExecutorService workers, Function<T, Supplier<FileOutcome>> handler) {
        this.run = run;
        this.workers = workers;
        this.handler = handler;
    }

    @Override
    public void write(Chunk<? extends T> chunk) throws Exception {
        List<Future<Supplier<FileOutcome>>> firstPass = new ArrayList<>();
        for (T item : chunk) {
            firstPass.add(workers.submit(() -> handler.apply(item)));
        }
        Exception first = null;
        List<Future<FileOutcome>> secondPass = new ArrayList<>();
        for (Future<Supplier<FileOutcome>> f : firstPass) {
            try {
                Supplier<FileOutcome> rest = f.get();
                secondPass.add(workers.submit(rest::get));
            } catch (ExecutionException e) {
                first = first != null ? first : cause(e);
            }
        }
        for (Future<FileOutcome> f : secondPass) {
            try {
                run.count(f.get());
            } catch (ExecutionException e) {
                first = first != null ? first : cause(e);
            }
        }
        if (first != null) {
            // Something other than a bad file (e.g. the database): the run fails and can be restarted.
            throw first;
        }
    }

    private static Exception cause(ExecutionException e) {
        return e.getCause() instanceof Exception ex ? ex : e;
    }
}
