package dev.ledgerline.server.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Alive ({@code GET /health/live}) while every thread of a design's consumers runs. A thread that died does not
 * come back by itself (its poller ended), and its queue would fill up: a restart is the cure, which is what a
 * failed liveness check asks for. One check per design, named for it.
 */
public abstract class ConsumerThreadsLiveness implements HealthCheck {

    /** The check's name in the health response. */
    protected abstract String name();

    /** How many consumer threads were started. */
    protected abstract int started();

    /** How many of them still run. */
    protected abstract int alive();

    @Override
    public HealthCheckResponse call() {
        int alive = alive();
        int started = started();
        return HealthCheckResponse.named(name())
                .status(started > 0 && alive == started)
                .withData("alive", alive)
                .withData("started", started)
                .build();
    }
}
