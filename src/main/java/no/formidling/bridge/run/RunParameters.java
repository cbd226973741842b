package no.formidling.bridge.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;

/** The parameters of a run: its scheduled time identifies it (one run per job and night), the trigger says what started it. */
public final class RunParameters {
    public static final String SCHEDULED_TIME = "scheduledTime";
    public static final String TRIGGER = "trigger";

    private RunParameters() {
    }

    static JobParameters of(Instant scheduledTime, String trigger) {
        return new JobParametersBuilder()
                .addLocalDateTime(SCHEDULED_TIME, LocalDateTime.ofInstant(scheduledTime.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC), true)
                .addString(TRIGGER, trigger, false)
                .toJobParameters();
    }
}
