package io.tenfold.bulk.export;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An export job as the status endpoint sees it, with its files once it completed. */
public record ExportJob(UUID id, String clientId, String status, String progress, String error,
        String requestUrl, OffsetDateTime transactionTime, OffsetDateTime expiresAt, List<File> files) {

    public static final String ACCEPTED = "accepted";
    public static final String IN_PROGRESS = "in-progress";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /**
     * One NDJSON file of the job: its number in the job, its resource type, how many resources it holds, and
     * whether it is {@code output} or {@code deleted} (Bundles deleting what a {@code _since} export saw deleted).
     */
    public record File(int number, String type, long count, String section) {

        public static final String OUTPUT = "output";
        public static final String DELETED = "deleted";
    }

    public ExportJob {
        files = List.copyOf(files);
    }
}
