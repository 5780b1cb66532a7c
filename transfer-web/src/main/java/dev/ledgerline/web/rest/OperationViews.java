package dev.ledgerline.web.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ledgerline.ledger.check.InvariantReport;
import dev.ledgerline.ledger.check.InvariantResult;
import dev.ledgerline.server.observe.TransferMetrics;

/**
 * What the operators' resources return, as records of this module: the OpenAPI scanner describes only the
 * web module's own types, and the ledger's report and meters live in other modules. Copied field for field;
 * OpenApiContractIT holds what the server sends to what the document says.
 */
public final class OperationViews {

    private OperationViews() {
    }

    @Schema(name = "InvariantReport", description = "Every invariant of the ledger, evaluated at one moment.")
    public record InvariantReportView(
            @Schema(required = true) Instant checkedAt,
            @Schema(required = true) List<InvariantView> results) {
        static InvariantReportView of(InvariantReport report) {
            return new InvariantReportView(report.checkedAt(), report.results().stream().map(InvariantView::of).toList());
        }
    }

    @Schema(name = "Invariant", description = "One invariant and whether it holds now.")
    public record InvariantView(
            @Schema(required = true) String name,
            @Schema(required = true, description = "What it demands, for a person to read.") String description,
            @Schema(required = true) boolean holds,
            @Schema(required = true, description = "How many rows break it.") long violations,
            @Schema(required = true, description = "What was found.") String detail) {
        static InvariantView of(InvariantResult r) {
            return new InvariantView(r.name(), r.description(), r.holds(), r.violations(), r.detail());
        }
    }

    @Schema(name = "ModeStatistics", description = "One mode's meters since the server started.")
    public record ModeStatisticsView(
            @Schema(required = true, description = "Transfers that became COMPLETED.") long completed,
            @Schema(required = true, description = "Transfers that became REJECTED.") long rejected,
            @Schema(required = true, description = "Transfers that became FAILED.") long failed,
            @Schema(required = true, description = "Deliveries received more than once.") long redeliveries,
            @Schema(required = true, description = "Duplicate deliveries the idempotent consumer skipped.")
            long duplicatesSkipped,
            @Schema(required = true, description = "Version conflicts the idempotent consumer retried.")
            long versionConflicts,
            @Schema(required = true, description = "Finished transfers the latency percentiles are over.")
            long latencyCount,
            @Schema(description = "Median latency, submission to final status; absent before the first.")
            Double latencyP50Millis,
            @Schema(description = "99th percentile latency; absent before the first.") Double latencyP99Millis) {
        static ModeStatisticsView of(TransferMetrics.ModeStatistics s) {
            return new ModeStatisticsView(s.completed(), s.rejected(), s.failed(), s.redeliveries(),
                    s.duplicatesSkipped(), s.versionConflicts(), s.latencyCount(), s.latencyP50Millis(),
                    s.latencyP99Millis());
        }
    }
}
