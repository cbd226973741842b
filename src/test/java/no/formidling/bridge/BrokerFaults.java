package no.formidling.bridge;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Makes the Broker API misbehave on purpose: a stretch of 503s, 400 for uploads, or uploads held. Off until a test arms it. */
@TestConfiguration
public class BrokerFaults {
    private final AtomicInteger seen = new AtomicInteger();
    private volatile int first503 = Integer.MAX_VALUE;
    private volatile int end503 = Integer.MAX_VALUE;
    private final AtomicInteger remainingUploadRejections = new AtomicInteger();
    private final AtomicInteger served503 = new AtomicInteger();
    private volatile CountDownLatch uploadGate;
    private final AtomicInteger heldUploads = new AtomicInteger();

    /** Lets {@code pass} requests through, then answers the next {@code count} with 503. */
    public void unavailableAfter(int pass, int count) {
        served503.set(0);
        seen.set(0);
        first503 = pass;
        end503 = pass + count;
    }

    public void rejectNextUploads(int count) {
        remainingUploadRejections.set(count);
    }

    /** Holds every upload request at the door until {@link #releaseUploads()}: a run stays in the middle of its work. */
    public void holdUploads() {
        heldUploads.set(0);
        uploadGate = new CountDownLatch(1);
    }

    /** Upload requests waiting at the door now. */
    public int heldUploads() {
        return heldUploads.get();
    }

    public void releaseUploads() {
        CountDownLatch gate = uploadGate;
        uploadGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    public int served503() {
        return served503.get();
    }

    public void reset() {
        first503 = Integer.MAX_VALUE;
        end503 = Integer.MAX_VALUE;
        remainingUploadRejections.set(0);
        releaseUploads();
    }

    @Bean
    FilterRegistrationBean<Filter> brokerFaultFilter() {
        Filter filter = (req, res, chain) -> {
            HttpServletRequest http = (HttpServletRequest) req;
            HttpServletResponse out = (HttpServletResponse) res;
            if (http.getRequestURI().endsWith("/upload") && remainingUploadRejections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                out.setStatus(400);
                out.setContentType("application/problem+json");
                out.getWriter().write("{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"Injected rejection of the upload\"}");
                return;
            }
            CountDownLatch gate = uploadGate;
            if (gate != null && http.getRequestURI().endsWith("/upload")) {
                heldUploads.incrementAndGet();
                try {
                    // Bounded, so a test that forgets to release cannot hang the build.
                    gate.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    heldUploads.decrementAndGet();
                }
            }
            int n = seen.getAndIncrement();
            if (n >= first503 && n < end503) {
                served503.incrementAndGet();
                out.setStatus(503);
                out.setContentType("application/problem+json");
                out.getWriter().write("{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"Injected outage\"}");
                return;
            }
            chain.doFilter(req, res);
        };
        FilterRegistrationBean<Filter> reg = new FilterRegistrationBean<>(filter);
        reg.addUrlPatterns("/broker/api/*");
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return reg;
    }
}
