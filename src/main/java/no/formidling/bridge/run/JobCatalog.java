package no.formidling.bridge.run;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.config.BridgeProperties;
import no.formidling.bridge.config.JobFileLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The jobs read from the jobs folder at startup; a broken file stops the startup with its reason. */
@Component
public class JobCatalog {
    private static final Logger log = LoggerFactory.getLogger(JobCatalog.class);
    private final JobFileLoader loader;
    private volatile Map<String, BridgeJob> jobs = Map.of();

    public JobCatalog(BridgeProperties props, Environment env) {
        this.loader = new JobFileLoader(env::getProperty);
        load(props.jobsDir());
    }

    /** Replaces the catalog with the job files of the folder. */
    public synchronized List<BridgeJob> load(Path dir) {
        List<BridgeJob> loaded = loader.loadAll(dir);
        Map<String, BridgeJob> byName = new LinkedHashMap<>();
        loaded.forEach(j -> byName.put(j.name(), j));
        jobs = byName;
        log.info("Bridge jobs from {}: {}", dir.toAbsolutePath(), loaded.isEmpty() ? "none"
                : String.join(", ", loaded.stream().map(j -> j.name() + (j.definition().isEnabled() ? "" : " (disabled)")).toList()));
        return loaded;
    }

    public Collection<BridgeJob> all() {
        return jobs.values();
    }

    public Optional<BridgeJob> find(String name) {
        return Optional.ofNullable(jobs.get(name));
    }
}
