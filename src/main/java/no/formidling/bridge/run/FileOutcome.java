package no.formidling.bridge.run;

/** What one file came to in a run; the run's counts are made of these. */
enum FileOutcome { WRITTEN, SKIPPED, FAILED }
