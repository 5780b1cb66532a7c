package dev.ledgerline.server.messaging;

/**
 * What the server's quiesce listener (the liberty-quiesce module's {@code QuiesceForwarder}) calls when Liberty
 * starts to stop, on every MBean named {@code dev.ledgerline:type=QuiesceParticipant,name=...}. The two share
 * no class, only this name and this operation.
 */
public interface QuiesceParticipantMXBean {

    /** Ends the work that uses the server's resources; returns once it has ended (Liberty waits for it). */
    void serverStopping();
}
