package dev.ledgerline.server.idempotent;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.Liveness;

import dev.ledgerline.server.health.ConsumerThreadsLiveness;

/** Alive while every idempotent consumer thread runs. */
@Liveness
@ApplicationScoped
public class IdempotentConsumersLiveness extends ConsumerThreadsLiveness {

    @EJB
    IdempotentConsumers consumers;

    @Override
    protected String name() {
        return "idempotent-consumers";
    }

    @Override
    protected int started() {
        return consumers.startedThreads();
    }

    @Override
    protected int alive() {
        return consumers.aliveThreads();
    }
}
