package dev.ledgerline.server.xa;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.Liveness;

import dev.ledgerline.server.health.ConsumerThreadsLiveness;

/** Alive while every XA consumer thread (and the XA dead-letter poller) runs. */
@Liveness
@ApplicationScoped
public class XaConsumersLiveness extends ConsumerThreadsLiveness {

    @EJB
    XaConsumers consumers;

    @Override
    protected String name() {
        return "xa-consumers";
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
