package dev.ledgerline.server.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.ledgerline.server.idempotent.IdempotentConsumers;
import dev.ledgerline.server.xa.XaConsumers;

/**
 * Alive ({@code GET /health/live}) while every consumer thread of both designs runs. A thread that died does not
 * come back by itself (its poller ended), and its queue would fill up: a restart is the cure, which is what a
 * failed liveness check asks for.
 */
@Liveness
@ApplicationScoped
public class ConsumersLiveness implements HealthCheck {

    @EJB
    XaConsumers xa;

    @EJB
    IdempotentConsumers idempotent;

    @Override
    public HealthCheckResponse call() {
        int xaAlive = xa.aliveThreads();
        int xaStarted = xa.startedThreads();
        int idempotentAlive = idempotent.aliveThreads();
        int idempotentStarted = idempotent.startedThreads();
        return HealthCheckResponse.named("consumers")
                .status(xaStarted > 0 && xaAlive == xaStarted
                        && idempotentStarted > 0 && idempotentAlive == idempotentStarted)
                .withData("xaAlive", xaAlive)
                .withData("xaStarted", xaStarted)
                .withData("idempotentAlive", idempotentAlive)
                .withData("idempotentStarted", idempotentStarted)
                .build();
    }
}
