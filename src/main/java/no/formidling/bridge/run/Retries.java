package no.formidling.bridge.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.formidling.bridge.client.BrokerCallException;
import no.formidling.bridge.config.BridgeJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.classify.BinaryExceptionClassifier;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;

/** Spring Retry templates for a job: transient Broker answers and I/O errors, exponential backoff. */
final class Retries {
    private static final Logger log = LoggerFactory.getLogger(Retries.class);

    /** Waiting for an upload to be processed: not an error, just not there yet. */
    static final class NotYetPublished extends RuntimeException {
        NotYetPublished(String status) {
            super("transfer is still " + status);
        }
    }

    private Retries() {
    }

    static RetryTemplate calls(BridgeJob job) {
        BridgeJob.RetrySettings r = job.retry();
        BinaryExceptionClassifier retryable = new BinaryExceptionClassifier(
                Map.of(BrokerCallException.Transient.class, true, UncheckedIOException.class, true, IOException.class, true), false, true);
        SimpleRetryPolicy policy = new SimpleRetryPolicy(r.attempts(), retryable);
        return RetryTemplate.builder()
                .customPolicy(policy)
                .exponentialBackoff(r.initialInterval().toMillis(), r.multiplier(), r.maxInterval().toMillis())
                .withListener(new RetryListener() {
                    @Override
                    public <T, E extends Throwable> void onError(RetryContext ctx, RetryCallback<T, E> cb, Throwable e) {
                        // Called for every failed attempt; only the ones that will be tried again are "retrying".
                        // A failure that is not retried (e.g. a 400) is reported once by the caller.
                        if (policy.canRetry(ctx) && !ctx.isExhaustedOnly()) {
                            log.warn("Bridge job {}: attempt {} of {} failed, retrying: {}", job.name(), ctx.getRetryCount(), r.attempts(), e.getMessage());
                        } else if (ctx.getRetryCount() >= r.attempts() && retryable.classify(e)) {
                            log.warn("Bridge job {}: attempt {} of {} failed, giving up: {}", job.name(), ctx.getRetryCount(), r.attempts(), e.getMessage());
                        }
                    }
                })
                .build();
    }

    /** Polls until published: transient errors and "not yet" both wait, up to the job's awaitPublished. */
    static RetryTemplate awaitPublished(BridgeJob job) {
        return RetryTemplate.builder()
                .withTimeout(job.awaitPublished().isZero() ? Duration.ofMillis(1) : job.awaitPublished())
                .exponentialBackoff(100, 1.5, 5_000)
                .retryOn(List.of(NotYetPublished.class, BrokerCallException.Transient.class, UncheckedIOException.class))
                .traversingCauses()
                .build();
    }
}
