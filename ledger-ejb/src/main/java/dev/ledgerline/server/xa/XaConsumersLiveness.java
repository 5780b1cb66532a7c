package dev.ledgerline.server.xa;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive ({@code GET /health/live}) while every XA consumer thread runs. A thread that died does not come back
 * by itself (its poller ended), and transfers.xa would fill up: a restart is the cure, which is what a
 * failed liveness check asks for.
 */
@Liveness
@ApplicationScoped
public class XaConsumersLiveness implements HealthCheck {

    @EJB
    XaConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        int alive = consumers.aliveThreads();
        int started = consumers.startedThreads();
        return HealthCheckResponse.named("xa-consumers")
                .status(started > 0 && alive == started)
                .withData("alive", alive)
                .withData("started", started)
                .build();
    }
}
