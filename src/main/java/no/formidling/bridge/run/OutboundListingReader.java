package no.formidling.bridge.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.formidling.bridge.config.JobDefinition.CompletionRule;
import no.formidling.bridge.endpoint.FileEntry;
import org.springframework.batch.item.ItemReader;
import org.springframework.batch.item.ItemStreamException;

/**
 * Lists the source once per run and hands out the complete files not yet finished by an earlier run. Restarts
 * list again: files already delivered have been moved away, and half-done ones resume from their claim.
 */
class OutboundListingReader implements ItemReader<FileEntry> {
    private final RunContext run;
    private Iterator<FileEntry> files;

    OutboundListingReader(RunContext run) {
        this.run = run;
    }

    @Override
    public synchronized FileEntry read() throws Exception {
        if (files == null) {
            files = completeFiles().iterator();
        }
        return files.hasNext() ? files.next() : null;
    }

    private List<FileEntry> completeFiles() throws IOException, InterruptedException {
        List<FileEntry> listed = run.store.list(run.job.pattern());
        String marker = run.job.markerSuffix();
        String temp = run.job.tempSuffix();
        String sidecar = run.job.sidecarSuffix();
        Set<String> names = listed.stream().map(FileEntry::name).collect(Collectors.toSet());
        if (run.job.completionRule() == CompletionRule.marker) {
            // markers may not match the pattern (e.g. *.xml): look them up separately
            names.addAll(run.store.list("*" + marker).stream().map(FileEntry::name).toList());
        }
        List<FileEntry> candidates = new ArrayList<>();
        for (FileEntry f : listed) {
            boolean companion = sidecar != null && f.name().endsWith(sidecar)
                    || run.job.completionRule() == CompletionRule.marker && f.name().endsWith(marker);
            if (companion || f.name().startsWith(".")) {
                continue;
            }
            boolean complete = switch (run.job.completionRule()) {
                case marker -> names.contains(f.name() + marker);
                case tempSuffix -> !f.name().endsWith(temp);
                case stableSize, none -> true;
            };
            if (!complete) {
                run.skipped.incrementAndGet();
                continue;
            }
            candidates.add(f);
        }
        if (run.job.completionRule() == CompletionRule.stableSize && !candidates.isEmpty()) {
            Thread.sleep(run.job.stableInterval().toMillis());
            Map<String, FileEntry> again = run.store.list(run.job.pattern()).stream()
                    .collect(Collectors.toMap(FileEntry::name, Function.identity()));
            List<FileEntry> stable = new ArrayList<>();
            for (FileEntry f : candidates) {
                FileEntry later = again.get(f.name());
                if (later != null && later.size() == f.size() && later.modifiedMillis() == f.modifiedMillis()) {
                    stable.add(f);
                } else {
                    run.skipped.incrementAndGet();
                }
            }
            candidates = stable;
        }
        List<FileEntry> fresh = new ArrayList<>();
        for (FileEntry f : candidates) {
            if (run.files.find(run.job.name(), f.key()).map(p -> p.state() == PickedFiles.State.FAILED).orElse(false)) {
                run.skipped.incrementAndGet();
            } else {
                fresh.add(f);
            }
        }
        fresh.sort(Comparator.comparing(FileEntry::modifiedMillis).thenComparing(FileEntry::name));
        return fresh;
    }

    static ItemStreamException wrap(Exception e) {
        return new ItemStreamException(e.getMessage(), e);
    }
}
